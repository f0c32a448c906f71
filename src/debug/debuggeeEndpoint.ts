import { CaptureError, findPprofEndpoints, type PprofEndpoint } from '../node/capture';

/** After the process starts: it may take a moment (or a while) to listen. */
const RETRY_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000];

/**
 * The pprof endpoint of a debuggee, found from its PID and remembered. A
 * paused program answers no HTTP, so lookups only run while it runs: in the
 * background from the start (a few tries, further apart each time) and when
 * someone needs the endpoint. Found once, it is kept for the session.
 */
export class DebuggeeEndpoint {
  private found: PprofEndpoint | undefined;
  private failure: CaptureError | undefined;
  private pending: Promise<PprofEndpoint> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tries = 0;
  private disposed = false;

  constructor(
    readonly pid: number,
    private readonly isPaused: () => boolean,
  ) {
    this.schedule();
  }

  get endpoint(): PprofEndpoint | undefined {
    return this.found;
  }

  /** Why the last lookup failed (`no-pprof` with the snippet to add, …). */
  get error(): CaptureError | undefined {
    return this.found ? undefined : this.failure;
  }

  /** The endpoint, looking it up now when not known yet. Rejects with a CaptureError. */
  async lookup(signal?: AbortSignal): Promise<PprofEndpoint> {
    if (this.found) return this.found;
    this.pending ??= this.find().finally(() => (this.pending = undefined));
    return abortable(this.pending, signal);
  }

  /** The program ran again: a background try that waited for it may go now. */
  resumed(): void {
    if (!this.found && this.timer === undefined && this.tries < RETRY_MS.length) this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private async find(): Promise<PprofEndpoint> {
    try {
      const [first] = await findPprofEndpoints(this.pid);
      this.found = first;
      return first;
    } catch (err) {
      this.failure = err instanceof CaptureError ? err : new CaptureError('network', String(err));
      throw this.failure;
    }
  }

  private schedule(): void {
    if (this.disposed || this.found) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.disposed || this.found || this.isPaused()) return; // resumed() picks it up again
      this.tries++;
      this.lookup().then(
        () => undefined,
        () => this.tries < RETRY_MS.length && this.schedule(),
      );
    }, RETRY_MS[Math.min(this.tries, RETRY_MS.length - 1)]);
  }
}

/** Waits for a shared promise, giving up (as `cancelled`) when this caller's signal fires. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new CaptureError('cancelled', 'cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CaptureError('cancelled', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
