import * as vscode from 'vscode';
import { fromAdapter, fromClient, initialState, type DapMessage, type DapSessionState, type SessionChange } from './dapSession';
import { DebuggeeEndpoint } from './debuggeeEndpoint';

/** One Go debug session as gomem follows it. */
export class GoSession {
  private current: DapSessionState;
  private endpointFinder: DebuggeeEndpoint | undefined;
  private readonly changed = new vscode.EventEmitter<SessionChange>();
  /** Fires with what changed: the PID became known, it stopped, resumed, ended. */
  readonly onDidChange = this.changed.event;

  constructor(readonly session: vscode.DebugSession) {
    this.current = initialState(session.configuration);
    this.pidKnown();
  }

  get state(): DapSessionState {
    return this.current;
  }

  /** Finds (and remembers) the debuggee's pprof endpoint; undefined without a local PID. */
  get endpoint(): DebuggeeEndpoint | undefined {
    return this.endpointFinder;
  }

  apply(next: [DapSessionState, SessionChange?]): void {
    const [state, change] = next;
    this.current = state;
    if (!change) return;
    if (change === 'pid') this.pidKnown();
    if (change === 'resumed') this.endpointFinder?.resumed();
    if (change === 'ended') this.endpointFinder?.dispose();
    this.changed.fire(change);
  }

  private pidKnown(): void {
    const pid = this.current.remote ? undefined : this.current.pid;
    if (pid === this.endpointFinder?.pid) return;
    this.endpointFinder?.dispose();
    this.endpointFinder = pid === undefined ? undefined : new DebuggeeEndpoint(pid, () => this.current.paused);
  }

  dispose(): void {
    this.endpointFinder?.dispose();
    this.changed.dispose();
  }
}

/**
 * Every running Go debug session (debug type `go`, as vscode-go and Delve
 * register it), followed through a debug adapter tracker: the debuggee's
 * PID from Delve's `process` event (or the attach configuration), and
 * whether it is paused.
 */
export class GoSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, GoSession>();
  private readonly subs: vscode.Disposable[] = [];
  private readonly stopped = new vscode.EventEmitter<GoSession>();
  /** A session stopped (breakpoint, step, pause; not entry). */
  readonly onDidStop = this.stopped.event;

  constructor() {
    this.subs.push(
      this.stopped,
      vscode.debug.registerDebugAdapterTrackerFactory('go', { createDebugAdapterTracker: (s) => this.track(s) }),
      vscode.debug.onDidTerminateDebugSession((s) => this.forget(s.id)),
    );
  }

  list(): GoSession[] {
    return [...this.sessions.values()].filter((s) => !s.state.ended);
  }

  get(id: string): GoSession | undefined {
    return this.sessions.get(id);
  }

  private track(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const s = new GoSession(session);
    this.sessions.set(session.id, s);
    s.onDidChange((change) => {
      if (change === 'stopped' && s.state.lastStop?.reason !== 'entry') this.stopped.fire(s);
    });
    return {
      onDidSendMessage: (m: DapMessage) => s.apply(fromAdapter(s.state, m)),
      onWillReceiveMessage: (m: DapMessage) => s.apply(fromClient(s.state, m)),
      onExit: () => s.apply(fromAdapter(s.state, { type: 'event', event: 'terminated' })),
    };
  }

  private forget(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    s.apply(fromAdapter(s.state, { type: 'event', event: 'terminated' }));
    s.dispose();
    this.sessions.delete(id);
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    this.subs.splice(0).forEach((d) => d.dispose());
  }
}
