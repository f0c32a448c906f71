import type { IncomingMessage } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import { CaptureError } from '../../core/capture/errors';
import { networkError } from './networkError';

export interface HttpGetOptions {
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly signal?: AbortSignal;
}

/** An answer whose body is still on the wire. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  /** Content-Length when the server sent one. */
  readonly declaredLength?: number;
  header(name: string): string | undefined;
  /** Body chunks; failures (timeouts, cancel, resets) arrive as CaptureErrors. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Ends the transfer and its timers; call it once done, whatever happened. */
  close(): void;
}

/**
 * GET with a connect timeout, a total timeout that runs until close(), and
 * the caller's AbortSignal — all three end the request through one
 * AbortController, so its reason says which one fired.
 */
export function httpGet(url: string, opts: HttpGetOptions): Promise<HttpResponse> {
  const target = new URL(url);
  const ctrl = new AbortController();
  const stop = (err: CaptureError) => ctrl.abort(err);
  const onCancel = () => stop(new CaptureError('cancelled', `capture from ${url} cancelled`));
  if (opts.signal?.aborted) return Promise.reject(new CaptureError('cancelled', `capture from ${url} cancelled`));
  opts.signal?.addEventListener('abort', onCancel, { once: true });
  const total = setTimeout(() => stop(new CaptureError('timeout', `no complete answer from ${url} within ${seconds(opts.totalTimeoutMs)}`)), opts.totalTimeoutMs);
  const connect = setTimeout(() => stop(new CaptureError('connect-timeout', `cannot connect to ${target.host} within ${seconds(opts.connectTimeoutMs)}`)), opts.connectTimeoutMs);
  const release = () => {
    clearTimeout(total);
    clearTimeout(connect);
    opts.signal?.removeEventListener('abort', onCancel);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    // agent: false — a fresh socket per capture, so its connect event always fires.
    const req = client.get(target, { signal: ctrl.signal, agent: false, headers: { 'user-agent': 'gomem' } }, (res) => {
      ctrl.signal.addEventListener('abort', () => res.destroy(ctrl.signal.reason), { once: true });
      resolve(wrapResponse(res, url, ctrl.signal, release));
    });
    req.on('socket', (socket) => socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connect)));
    req.on('error', (err) => {
      release();
      reject(networkError(err, url, ctrl.signal));
    });
  });
}

function wrapResponse(res: IncomingMessage, url: string, aborted: AbortSignal, release: () => void): HttpResponse {
  const length = Number(res.headers['content-length']);
  return {
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    declaredLength: Number.isSafeInteger(length) ? length : undefined,
    header: (name) => {
      const v = res.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : v;
    },
    body: bodyOf(res, url, aborted),
    close: () => {
      release();
      res.destroy();
    },
  };
}

async function* bodyOf(res: IncomingMessage, url: string, aborted: AbortSignal): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of res) yield chunk as Buffer;
  } catch (err) {
    throw networkError(err, url, aborted);
  }
  // A stream ended by our own abort can look like a clean end: the reason decides.
  if (aborted.aborted) throw networkError(aborted.reason, url, aborted);
  if (!res.complete) throw new CaptureError('network', `${new URL(url).host} closed the connection before the answer was complete`);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
