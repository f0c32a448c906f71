import type { DapSessionState } from './dapSession';
import type { GoSession } from './goSessions';

/** A read-only view of a followed Go debug session (GomemApi.goSessions): its debuggee's PID, pause state, stops. */
export interface GoSessionInfo extends Pick<DapSessionState, 'pid' | 'remote' | 'paused' | 'stops'> {
  readonly id: string;
  readonly name: string;
  /** The debuggee's pprof index URL, once found. */
  readonly pprofUrl?: string;
  /** Why it was not found, when a lookup failed. */
  readonly pprofError?: string;
}

export function sessionInfo(s: GoSession): GoSessionInfo {
  const { pid, remote, paused, stops } = s.state;
  return { id: s.session.id, name: s.session.name, pid, remote, paused, stops, pprofUrl: s.endpoint?.endpoint?.url, pprofError: s.endpoint?.error?.message };
}
