import { CaptureError } from '../../core/capture/errors';

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_)/;

/**
 * A socket-level failure as a CaptureError. When our own AbortController
 * fired (a timeout or the caller's cancel), its reason is the real story and
 * whatever the socket reported on the way down is not.
 */
export function networkError(err: unknown, url: string, aborted: AbortSignal): CaptureError {
  if (aborted.aborted && aborted.reason instanceof CaptureError) return aborted.reason;
  if (err instanceof CaptureError) return err;
  const e = err as NodeJS.ErrnoException;
  const host = new URL(url).host;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new CaptureError('refused', `cannot connect to ${host}: connection refused (is the program running and serving pprof on that port?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CaptureError('network', `cannot resolve host "${new URL(url).hostname}"`);
    case 'ECONNRESET':
      return new CaptureError('network', `${host} closed the connection before the answer was complete`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new CaptureError('network', `cannot reach ${host} (${e.code})`);
  }
  if (e.code && TLS_CODES.test(e.code)) return new CaptureError('network', `TLS error talking to ${host}: ${e.message}`);
  return new CaptureError('network', `request to ${url} failed: ${e.message ?? String(err)}`);
}
