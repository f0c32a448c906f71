import { captureUrl } from '../../core/capture/captureUrl';
import { classifyResponse, HEAD_BYTES } from '../../core/capture/classifyResponse';
import { endpointFromUrl, type PprofEndpoint } from '../../core/capture/endpoint';
import { CaptureError } from '../../core/capture/errors';
import { captureFileName } from '../../core/capture/fileName';
import { captureSeconds, validateRequest, type CaptureRequest } from '../../core/capture/kinds';
import { writeAtomically } from './atomicFile';
import { readHead } from './bodyStream';
import { httpGet, type HttpResponse } from './httpGet';
import { resolveLimits, type CaptureLimits } from './limits';

export interface CaptureOptions {
  /** Folder the file goes to (created when missing). */
  readonly outDir: string;
  /**
   * File name inside outDir. Default `<kind>-<target>-<timestamp>.pb.gz|.trace`,
   * numbered when taken; a name given here replaces an existing file.
   */
  readonly fileName?: string;
  readonly limits?: Partial<CaptureLimits>;
  /** Bytes received so far, after each chunk. */
  readonly onProgress?: (bytes: number) => void;
  readonly signal?: AbortSignal;
}

export interface CaptureResult {
  readonly file: string;
  readonly bytes: number;
  /** The URL fetched, query included. */
  readonly url: string;
  readonly request: CaptureRequest;
}

/**
 * Fetches one profile or trace from a net/http/pprof endpoint into a file.
 * The answer is checked before anything is kept (HTML, 404s, text and pprof's
 * own errors become a CaptureError that says what came back); the file
 * appears only when complete. Timed captures (cpu, trace, deltas) get their
 * duration on top of the total timeout.
 */
export async function captureProfile(target: PprofEndpoint | string, request: CaptureRequest, opts: CaptureOptions): Promise<CaptureResult> {
  validateRequest(request);
  const endpoint = typeof target === 'string' ? endpointFromUrl(target) : target;
  const limits = resolveLimits(opts.limits);
  const url = captureUrl(endpoint.url, request);
  const res = await httpGet(url, {
    connectTimeoutMs: limits.connectTimeoutMs,
    totalTimeoutMs: limits.totalTimeoutMs + captureSeconds(request) * 1000,
    signal: opts.signal,
  });
  try {
    const { head, rest } = await readHead(res.body, HEAD_BYTES);
    const verdict = classifyResponse(request.kind, url, {
      status: res.status,
      statusText: res.statusText,
      contentType: res.header('content-type'),
      location: res.header('location'),
      fromPprof: res.header('x-go-pprof') === '1',
      head,
    });
    if (!verdict.ok) throw new CaptureError(verdict.code, verdict.message);
    checkDeclaredLength(res, url, limits.maxBytes);
    const name = opts.fileName ?? captureFileName(request, endpoint.label, new Date());
    const body = metered(prepend(head, rest), url, limits.maxBytes, opts.onProgress);
    const written = await writeAtomically(opts.outDir, name, body, { overwrite: opts.fileName !== undefined });
    return { ...written, url, request };
  } finally {
    res.close();
  }
}

function checkDeclaredLength(res: HttpResponse, url: string, max: number): void {
  if (res.declaredLength !== undefined && res.declaredLength > max) throw tooLarge(url, max, ` (it announced ${res.declaredLength})`);
}

async function* prepend(head: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.length) yield head;
  yield* rest;
}

async function* metered(chunks: AsyncIterable<Uint8Array>, url: string, max: number, onProgress?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const c of chunks) {
    total += c.length;
    if (total > max) throw tooLarge(url, max, '');
    yield c;
    onProgress?.(total);
  }
}

function tooLarge(url: string, max: number, detail: string): CaptureError {
  return new CaptureError('too-large', `the answer from ${url} is larger than the limit of ${max} bytes${detail}; raise the limit or capture a shorter duration`);
}
