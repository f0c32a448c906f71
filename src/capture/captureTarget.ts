import type { GoSession, GoSessions } from '../debug/goSessions';
import { CaptureError, endpointFromUrl, resolveTarget, type PprofEndpoint } from '../node/capture';

/** Where a capture comes from, resolved to a pprof endpoint when the capture starts. */
export interface CaptureTarget {
  /** For progress and messages: `pprofserver (PID 4242)`, `http://localhost:6060/debug/pprof/`. */
  readonly label: string;
  /** Set for a debug session: its captures wait out pauses (see captureFromDebuggee). */
  readonly session?: GoSession;
  /** Set for a URL the user gave: remembered for next time once a capture worked. */
  readonly url?: string;
  resolve(signal: AbortSignal): Promise<PprofEndpoint>;
}

/** A Go debug session: the endpoint its debuggee's PID serves. */
export function sessionTarget(s: GoSession): CaptureTarget {
  const name = s.session.name;
  return {
    label: `debug session "${name}"`,
    session: s,
    resolve: async (signal) => {
      if (s.state.remote) {
        throw new CaptureError('bad-target', `"${name}" debugs a remote process; capture from its pprof URL instead (Enter URL…, e.g. through kubectl port-forward).`);
      }
      const finder = s.endpoint;
      if (!finder) throw new CaptureError('bad-target', `the debugger has not reported the process ID of "${name}" yet; try again in a moment.`);
      if (finder.endpoint) return finder.endpoint;
      if (s.state.paused) {
        throw new CaptureError('bad-target', `"${name}" is paused, and a paused program answers nothing, so its pprof port cannot be found: continue it and capture again.`);
      }
      return finder.lookup(signal);
    },
  };
}

/** A local process by PID, its port found like a debug session's. */
export function pidTarget(pid: number, name?: string): CaptureTarget {
  return { label: name ? `${name} (PID ${pid})` : `PID ${pid}`, resolve: (signal) => resolveTarget(pid, { signal }) };
}

/** A URL as typed (`localhost:6060`, `https://host/debug/pprof/`); throws a `bad-target` CaptureError when it is not one. */
export function urlTarget(url: string): CaptureTarget {
  const endpoint = endpointFromUrl(url);
  return { label: endpoint.url, url: endpoint.url, resolve: async () => endpoint };
}

/** A command argument: a URL, a PID, or `{ sessionId }` of a Go debug session. */
export type TargetArg = string | number | { readonly sessionId: string };

export function targetFromArg(arg: TargetArg, sessions: GoSessions | undefined): CaptureTarget {
  if (typeof arg === 'object') {
    const s = sessions?.get(arg.sessionId);
    if (!s) throw new CaptureError('bad-target', `no Go debug session with id ${arg.sessionId}`);
    return sessionTarget(s);
  }
  if (typeof arg === 'number' || /^\d+$/.test(arg.trim())) return pidTarget(Number(arg));
  return urlTarget(arg);
}
