import * as vscode from 'vscode';
import { GcTraceStream } from '../core/gctrace/stream';
import type { DapMessage } from './dapSession';

/** Output categories that carry the program's stderr (where the runtime prints gctrace) or pass it through. */
const CATEGORIES = new Set(['stderr', 'stdout', 'console']);

interface OutputBody {
  readonly category?: unknown;
  readonly output?: unknown;
}

/**
 * Collects GODEBUG=gctrace=1 lines from the `output` events of every Go debug
 * session (debug type `go`), through a debug adapter tracker of its own.
 * Streams live as long as their session.
 */
export class GcTraceCollector implements vscode.Disposable {
  private readonly streams = new Map<string, GcTraceStream>();
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly subs: vscode.Disposable[];
  /** Fires with a session id when its count of cycles changed or the session ended. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subs = [
      this.changed,
      vscode.debug.registerDebugAdapterTrackerFactory('go', { createDebugAdapterTracker: (s) => this.track(s) }),
      vscode.debug.onDidTerminateDebugSession((s) => this.forget(s.id)),
    ];
  }

  /** The stream of a running session with at least one cycle. */
  get(sessionId: string): GcTraceStream | undefined {
    const s = this.streams.get(sessionId);
    return s && s.cycles > 0 ? s : undefined;
  }

  private track(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const stream = new GcTraceStream();
    this.streams.set(session.id, stream);
    return {
      onDidSendMessage: (m: DapMessage) => {
        if (m.type !== 'event' || m.event !== 'output') return;
        const body = m.body as OutputBody | undefined;
        // DAP: an output event without a category is console output.
        const category = typeof body?.category === 'string' ? body.category : 'console';
        if (typeof body?.output !== 'string' || !CATEGORIES.has(category)) return;
        if (stream.push(category, body.output) > 0) this.changed.fire(session.id);
      },
      onExit: () => {
        if (stream.flush() > 0) this.changed.fire(session.id);
      },
    };
  }

  private forget(id: string): void {
    if (this.streams.delete(id)) this.changed.fire(id);
  }

  dispose(): void {
    this.streams.clear();
    this.subs.forEach((d) => d.dispose());
  }
}
