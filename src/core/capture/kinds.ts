import { CaptureError } from './errors';

/** What can be captured from a net/http/pprof endpoint. */
export type CaptureKind = 'heap' | 'allocs' | 'goroutine' | 'cpu' | 'block' | 'mutex' | 'trace' | 'goroutineleak';

/** `goroutineleak` is served only by Go 1.26+ programs built with GOEXPERIMENT=goroutineleakprofile. */
export const CAPTURE_KINDS: readonly CaptureKind[] = ['heap', 'allocs', 'goroutine', 'cpu', 'block', 'mutex', 'trace', 'goroutineleak'];

/**
 * One capture. `seconds` is the duration of `cpu` and `trace` captures; on
 * the other kinds it asks for a delta profile (what changed over that many
 * seconds — values may be negative). `gc` runs a GC before a heap capture.
 */
export interface CaptureRequest {
  readonly kind: CaptureKind;
  readonly seconds?: number;
  readonly gc?: boolean;
}

/** The path under /debug/pprof/ that serves each kind. */
const ENDPOINT: Record<CaptureKind, string> = {
  heap: 'heap',
  allocs: 'allocs',
  goroutine: 'goroutine',
  cpu: 'profile',
  block: 'block',
  mutex: 'mutex',
  trace: 'trace',
  goroutineleak: 'goroutineleak',
};

/** net/http/pprof's own defaults, made explicit so timeouts can include them. */
export const DEFAULT_SECONDS: Partial<Record<CaptureKind, number>> = { cpu: 30, trace: 1 };

export function isCaptureKind(s: string): s is CaptureKind {
  return (CAPTURE_KINDS as readonly string[]).includes(s);
}

export function endpointName(kind: CaptureKind): string {
  return ENDPOINT[kind];
}

/** Durations are part of cpu and trace; on every other kind seconds means a delta. */
export function isTimed(kind: CaptureKind): boolean {
  return kind === 'cpu' || kind === 'trace';
}

export function isDelta(req: CaptureRequest): boolean {
  return !isTimed(req.kind) && req.seconds !== undefined;
}

/** How long the server will take before it starts answering, in seconds. */
export function captureSeconds(req: CaptureRequest): number {
  return req.seconds ?? DEFAULT_SECONDS[req.kind] ?? 0;
}

/** Execution traces are their own format; everything else is gzipped pprof. */
export function fileExtension(kind: CaptureKind): string {
  return kind === 'trace' ? '.trace' : '.pb.gz';
}

/**
 * Rejects requests net/http/pprof would refuse or silently ignore: it takes
 * only whole positive seconds for deltas, and skips `gc` on delta requests.
 */
export function validateRequest(req: CaptureRequest): void {
  if (!isCaptureKind(req.kind)) {
    throw new CaptureError('bad-request', `unknown capture kind "${String(req.kind)}"; expected one of ${CAPTURE_KINDS.join(', ')}`);
  }
  const s = req.seconds;
  if (s !== undefined) {
    if (!(s > 0) || !Number.isFinite(s)) throw new CaptureError('bad-request', `seconds must be a positive number, not ${s}`);
    if (req.kind !== 'trace' && !Number.isInteger(s)) {
      throw new CaptureError('bad-request', `seconds must be a whole number for ${req.kind} (only trace takes fractions), not ${s}`);
    }
  }
  if (req.gc && req.kind !== 'heap') throw new CaptureError('bad-request', `gc applies to heap captures only, not ${req.kind}`);
  if (req.gc && s !== undefined) throw new CaptureError('bad-request', 'gc and seconds exclude each other: net/http/pprof ignores gc on a heap delta');
}
