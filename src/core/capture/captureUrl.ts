import { CaptureError } from './errors';
import { captureSeconds, endpointName, isTimed, type CaptureRequest } from './kinds';

const PPROF_PATH = '/debug/pprof/';

/**
 * The pprof index URL (`…/debug/pprof/`) a user's URL stands for. People
 * paste `host:6060`, the index, or a profile link (`…/debug/pprof/heap?debug=1`);
 * all mean the same endpoint. A path without /debug/pprof is taken as a
 * custom mount point (`/admin/pprof/`), except the bare root.
 */
export function pprofBaseUrl(input: string): string {
  const url = parseHttpUrl(input);
  const at = url.pathname.indexOf(PPROF_PATH.slice(0, -1));
  if (at >= 0) url.pathname = url.pathname.slice(0, at) + PPROF_PATH;
  else if (url.pathname === '/' || url.pathname === '') url.pathname = PPROF_PATH;
  else if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The pprof index of a listening socket found on this machine. */
export function localPprofUrl(address: string, port: number): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}${PPROF_PATH}`;
}

/** The URL that serves one capture, from a pprof index URL. */
export function captureUrl(base: string, req: CaptureRequest): string {
  const url = new URL(endpointName(req.kind), base);
  // Go's defaults made explicit, so the duration the timeouts allow for is the one asked for.
  const seconds = isTimed(req.kind) ? captureSeconds(req) : req.seconds;
  if (seconds !== undefined) url.searchParams.set('seconds', String(seconds));
  if (req.gc) url.searchParams.set('gc', '1');
  return url.toString();
}

function parseHttpUrl(input: string): URL {
  const text = input.trim();
  // `localhost:6060` and `127.0.0.1:6060` are how Go programs print their address.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CaptureError('bad-target', `"${input}" is not a URL (expected http://host:port/debug/pprof/ or a PID)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CaptureError('bad-target', `"${input}" is not an http or https URL`);
  }
  return url;
}
