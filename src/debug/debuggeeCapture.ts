import { captureSeconds } from '../core/capture/kinds';
import { captureProfile, CaptureError, DEFAULT_CAPTURE_LIMITS, type CaptureOptions, type CaptureRequest, type CaptureResult, type PprofEndpoint } from '../node/capture';
import type { GoSession } from './goSessions';

/** Long enough to mean "no limit": the real limit is armed only while the program runs. */
const WHILE_PAUSED_MS = 7 * 24 * 3600_000;

/**
 * captureProfile against a program under the debugger. A paused program
 * answers nothing: its kernel accepts the connection and the request waits
 * in the socket until the program runs again, which is exactly when it
 * should be served. So the time limit counts only while the program runs,
 * and the session ending cancels the capture.
 */
export async function captureFromDebuggee(s: GoSession, endpoint: PprofEndpoint, request: CaptureRequest, opts: CaptureOptions): Promise<CaptureResult> {
  const control = new AbortController();
  const limitMs = (opts.limits?.totalTimeoutMs ?? DEFAULT_CAPTURE_LIMITS.totalTimeoutMs) + captureSeconds(request) * 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let why: 'timeout' | 'ended' | undefined;
  const stop = (reason: typeof why) => {
    why ??= reason;
    control.abort();
  };
  const arm = () => {
    clearTimeout(timer);
    timer = s.state.paused ? undefined : setTimeout(() => stop('timeout'), limitMs);
  };
  const onCallerAbort = () => control.abort();
  opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const sub = s.onDidChange((change) => {
    if (change === 'ended') stop('ended');
    else if (change === 'stopped' || change === 'resumed') arm();
  });
  arm();
  try {
    return await captureProfile(endpoint, request, { ...opts, limits: { ...opts.limits, totalTimeoutMs: WHILE_PAUSED_MS }, signal: control.signal });
  } catch (err) {
    if (why === 'timeout') throw new CaptureError('timeout', `${endpoint.url} did not answer within ${limitMs / 1000} s of the program running`);
    if (why === 'ended') throw new CaptureError('cancelled', `the debug session "${s.session.name}" ended before ${endpoint.url} answered`);
    throw err;
  } finally {
    clearTimeout(timer);
    sub.dispose();
    opts.signal?.removeEventListener('abort', onCallerAbort);
  }
}
