import { localPprofUrl } from '../../core/capture/captureUrl';
import { describeBody } from '../../core/capture/describeBody';
import { CaptureError, type CaptureErrorCode } from '../../core/capture/errors';
import { connectAddresses, type ListeningSocket } from '../../core/capture/listeningSocket';
import { isPprofIndex } from '../../core/capture/pprofIndex';
import { readHead } from './bodyStream';
import { httpGet } from './httpGet';

/** Whether a URL serves the pprof index and, if not, what it did instead. */
export type ProbeResult =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly url: string; readonly why: string; readonly code?: CaptureErrorCode };

export interface ProbeOptions {
  /** Per probe; a port that does not answer HTTP quickly is not pprof. Default 2000. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_PROBE_MS = 2_000;
const INDEX_BYTES = 64 * 1024;

/** `GET /debug/pprof/` and look for net/http/pprof's index page. Throws only when cancelled. */
export async function probePprof(url: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const ms = opts.timeoutMs ?? DEFAULT_PROBE_MS;
  try {
    const res = await httpGet(url, { connectTimeoutMs: ms, totalTimeoutMs: ms, signal: opts.signal });
    try {
      const { head } = await readHead(res.body, INDEX_BYTES);
      if (res.status !== 200) return { ok: false, url, why: `answered ${res.status} ${res.statusText}`.trim() };
      if (isPprofIndex(Buffer.from(head).toString('utf8'))) return { ok: true, url };
      return { ok: false, url, why: `answered ${describeBody(head.subarray(0, 1024), res.header('content-type'))}, not the pprof index` };
    } finally {
      res.close();
    }
  } catch (err) {
    if (err instanceof CaptureError && err.code === 'cancelled') throw err;
    return err instanceof CaptureError ? { ok: false, url, why: err.message, code: err.code } : { ok: false, url, why: String(err) };
  }
}

/** Probes a listening socket at each address that reaches it, loopback first. */
export async function probeSocket(socket: ListeningSocket, opts: ProbeOptions = {}): Promise<ProbeResult> {
  let last: ProbeResult | undefined;
  for (const address of connectAddresses(socket)) {
    last = await probePprof(localPprofUrl(address, socket.port), opts);
    if (last.ok) return last;
  }
  return last!;
}
