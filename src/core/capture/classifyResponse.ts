import { bodyMessage, describeBody, looksLikeText } from './describeBody';
import type { CaptureErrorCode } from './errors';
import type { CaptureKind } from './kinds';
import { NO_PPROF_HINT } from './pprofHint';

/** What the start of an HTTP answer tells us, before the body is saved. */
export interface ResponseStart {
  readonly status: number;
  readonly statusText?: string;
  readonly contentType?: string;
  readonly location?: string;
  /** net/http/pprof marks its own errors with `X-Go-Pprof: 1`. */
  readonly fromPprof?: boolean;
  /** The first bytes of the body (the whole body when it is short). */
  readonly head: Uint8Array;
}

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly code: CaptureErrorCode; readonly message: string };

/** How many body bytes classifyResponse wants to see (enough for an HTML title). */
export const HEAD_BYTES = 1024;

const TRACE_MAGIC = 'go 1.';

/**
 * Whether the answer to a capture is what was asked for. Go serves pprof
 * profiles gzipped and traces starting with `go 1.NN trace`; anything else —
 * a login page, a 404 from a mux without pprof, pprof's own text errors, the
 * `debug=1` text format — becomes a message that says what came back.
 */
export function classifyResponse(kind: CaptureKind, url: string, r: ResponseStart): Verdict {
  if (r.status >= 300 && r.status < 400) {
    const where = r.location ? ` to ${r.location}` : '';
    return fail('http-status', `${url} redirected${where} (${statusLine(r)}); gomem does not follow redirects: capture from that URL instead`);
  }
  if (kind === 'goroutineleak' && r.status === 404 && r.fromPprof) return fail('http-status', NO_LEAK_PROFILE(url));
  if (r.status < 200 || r.status >= 300) return fail('http-status', statusMessage(url, r));
  if (kind === 'trace' ? isTrace(r.head) : isPprof(r.head)) return { ok: true };
  const expected = kind === 'trace' ? 'an execution trace' : `a ${kind} profile`;
  return fail('not-a-profile', `expected ${expected} from ${url} but got ${describeBody(r.head, r.contentType)}`);
}

/** net/http/pprof answers 404 "Unknown profile" when the runtime has no goroutineleak profile. */
const NO_LEAK_PROFILE = (url: string) =>
  `${url}: this program does not serve the goroutineleak profile; it needs Go 1.26 or later and a build with GOEXPERIMENT=goroutineleakprofile`;

function statusMessage(url: string, r: ResponseStart): string {
  const body = r.head.length ? `: ${bodyMessage(r.head, r.contentType)}` : '';
  if (r.fromPprof) return `net/http/pprof at ${url} answered ${statusLine(r)}${body}`;
  // A 404 not from pprof itself: the program's mux has no /debug/pprof/ handlers.
  if (r.status === 404) return `${url} answered ${statusLine(r)}${body}; nothing serves net/http/pprof there.\n${NO_PPROF_HINT}`;
  return `${url} answered ${statusLine(r)}${body}`;
}

function statusLine(r: ResponseStart): string {
  return r.statusText ? `${r.status} ${r.statusText}` : String(r.status);
}

/** gzip (what Go sends), or raw protobuf starting with field 1 (sample_type) that is not text. */
export function isPprof(head: Uint8Array): boolean {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true;
  return head.length >= 2 && head[0] === 0x0a && !looksLikeText(head);
}

export function isTrace(head: Uint8Array): boolean {
  return head.length >= TRACE_MAGIC.length && String.fromCharCode(...head.subarray(0, TRACE_MAGIC.length)) === TRACE_MAGIC;
}

function fail(code: CaptureErrorCode, message: string): Verdict {
  return { ok: false, code, message };
}
