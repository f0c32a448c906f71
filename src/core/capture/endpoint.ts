import { pprofBaseUrl } from './captureUrl';
import { pidTargetLabel, urlTargetLabel } from './fileName';

/** Somewhere that serves net/http/pprof. */
export interface PprofEndpoint {
  /** The pprof index, e.g. `http://127.0.0.1:6060/debug/pprof/`. */
  readonly url: string;
  /** What file names call this target: `127.0.0.1_6060`, `pid4242`. */
  readonly label: string;
  /** The process serving it, when it was found by PID. */
  readonly pid?: number;
}

/** An endpoint a user typed or pasted (see pprofBaseUrl for the forms accepted). */
export function endpointFromUrl(url: string): PprofEndpoint {
  const base = pprofBaseUrl(url);
  return { url: base, label: urlTargetLabel(base) };
}

/** An endpoint found on a process's listening socket. */
export function endpointOfPid(pid: number, url: string): PprofEndpoint {
  return { url, label: pidTargetLabel(pid), pid };
}
