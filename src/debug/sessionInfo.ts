import type { GoSession } from './goSessions';

/** A read-only view of a followed Go debug session (GomemApi.goSessions). */
export interface GoSessionInfo {
  readonly id: string;
  readonly name: string;
  readonly pid?: number;
  readonly remote: boolean;
  readonly paused: boolean;
  readonly stops: number;
  /** The debuggee's pprof index URL, once found. */
  readonly pprofUrl?: string;
  /** Why it was not found, when a lookup failed. */
  readonly pprofError?: string;
}

export function sessionInfo(s: GoSession): GoSessionInfo {
  const { pid, remote, paused, stops } = s.state;
  return { id: s.session.id, name: s.session.name, pid, remote, paused, stops, pprofUrl: s.endpoint?.endpoint?.url, pprofError: s.endpoint?.error?.message };
}
