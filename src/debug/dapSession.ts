/**
 * What gomem follows of one Go debug session, read from the Debug Adapter
 * Protocol messages Delve and VS Code exchange. Pure: no `vscode`, so the
 * transitions are unit-tested with real message shapes.
 */
export interface DapSessionState {
  /** The debuggee's PID: Delve's `process` event, or an attach configuration's processId. */
  readonly pid?: number;
  /** The process runs elsewhere (remote attach): its PID means nothing here. */
  readonly remote: boolean;
  /** Stopped at a breakpoint, step or pause: every thread is stopped and nothing answers HTTP. */
  readonly paused: boolean;
  /** How many times it stopped (entry stops excluded). */
  readonly stops: number;
  readonly lastStop?: StopInfo;
  readonly ended: boolean;
}

export interface StopInfo {
  readonly reason: string;
  readonly threadId?: number;
  /** The stopped thread's top frame, once VS Code asked for it: `main.grow (main.go:84)`. */
  readonly frame?: string;
}

/** The parts of a DAP message gomem reads. */
export interface DapMessage {
  readonly type?: string;
  readonly event?: string;
  readonly command?: string;
  readonly success?: boolean;
  readonly body?: unknown;
}

/** The launch configuration fields that matter: `request`, `mode`, `processId`. */
export interface SessionConfig {
  readonly request?: string;
  readonly mode?: string;
  readonly processId?: unknown;
}

/** What a message changed, for listeners. */
export type SessionChange = 'pid' | 'stopped' | 'resumed' | 'frame' | 'ended';

interface ProcessBody {
  readonly systemProcessId?: unknown;
  readonly isLocalProcess?: unknown;
}

interface StoppedBody {
  readonly reason?: unknown;
  readonly threadId?: unknown;
}

interface StackTraceBody {
  readonly stackFrames?: readonly { readonly name?: string; readonly line?: number; readonly source?: { readonly name?: string } }[];
}

/** Requests that let the program run again. */
const RESUMING = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto', 'restartFrame']);

/** The state before any message: an attach to a local PID knows it already. */
export function initialState(config: SessionConfig): DapSessionState {
  const remote = config.request === 'attach' && config.mode === 'remote';
  const pid = config.request === 'attach' && !remote ? positiveInt(config.processId) : undefined;
  return { pid, remote, paused: false, stops: 0, ended: false };
}

/** A message from the debug adapter (events and responses). */
export function fromAdapter(s: DapSessionState, m: DapMessage): [DapSessionState, SessionChange?] {
  if (m.type === 'event') {
    switch (m.event) {
      case 'process':
        return processEvent(s, m.body as ProcessBody | undefined);
      case 'stopped':
        return stoppedEvent(s, m.body as StoppedBody | undefined);
      case 'continued':
        return s.paused ? [{ ...s, paused: false }, 'resumed'] : [s];
      case 'exited':
      case 'terminated':
        return s.ended ? [s] : [{ ...s, ended: true, paused: false }, 'ended'];
    }
  }
  if (m.type === 'response' && m.command === 'stackTrace' && m.success) return stackTrace(s, m.body as StackTraceBody | undefined);
  return [s];
}

/** A request from VS Code to the adapter: resuming ones end a pause. */
export function fromClient(s: DapSessionState, m: DapMessage): [DapSessionState, SessionChange?] {
  if (m.type === 'request' && m.command && RESUMING.has(m.command) && s.paused) return [{ ...s, paused: false }, 'resumed'];
  return [s];
}

function processEvent(s: DapSessionState, body: ProcessBody | undefined): [DapSessionState, SessionChange?] {
  if (body?.isLocalProcess === false) return [{ ...s, remote: true, pid: undefined }, 'pid'];
  const pid = positiveInt(body?.systemProcessId);
  return pid === undefined || pid === s.pid ? [s] : [{ ...s, pid }, 'pid'];
}

function stoppedEvent(s: DapSessionState, body: StoppedBody | undefined): [DapSessionState, SessionChange?] {
  const reason = typeof body?.reason === 'string' ? body.reason : 'unknown';
  const threadId = typeof body?.threadId === 'number' ? body.threadId : undefined;
  // Stopping on entry is not a place in the user's code worth a snapshot.
  const stops = reason === 'entry' ? s.stops : s.stops + 1;
  return [{ ...s, paused: true, stops, lastStop: { reason, threadId } }, 'stopped'];
}

/** The first stack trace after a stop names where it stopped. */
function stackTrace(s: DapSessionState, body: StackTraceBody | undefined): [DapSessionState, SessionChange?] {
  const top = body?.stackFrames?.[0];
  if (!s.paused || !s.lastStop || s.lastStop.frame || !top?.name) return [s];
  const where = top.source?.name ? ` (${top.source.name}:${top.line ?? '?'})` : '';
  return [{ ...s, lastStop: { ...s.lastStop, frame: `${top.name}${where}` } }, 'frame'];
}

function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
