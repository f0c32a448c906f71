import * as vscode from 'vscode';
import type { GcTraceCollector } from '../debug/gctraceCollector';

/** Redraws at most this often: a program can print hundreds of GCs a second. */
const THROTTLE_MS = 250;

/**
 * "$(pulse) GC 42 · worst 1.2 ms" while the active debug session is a Go
 * program printing gctrace lines (GODEBUG=gctrace=1); click for the summary
 * of the lines collected so far. Hidden for other sessions and when the
 * session ends.
 */
export function createGcTraceStatus(collector: GcTraceCollector): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('gomem.gctrace', vscode.StatusBarAlignment.Left, 49);
  item.name = 'Go Memory GC trace';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    timer = undefined;
    const session = vscode.debug.activeDebugSession;
    const stream = session && collector.get(session.id);
    if (!session || !stream) return item.hide();
    const last = stream.last;
    item.text = `$(pulse) GC ${stream.cycles} · worst ${stream.worstMs} ms`;
    item.tooltip = `${session.name}: ${stream.cycles} GC cycles (GODEBUG=gctrace=1)\nLongest stop-the-world phase: ${stream.worstMs} ms (gc ${stream.worstCycle})` +
      (last ? `\nLast: gc ${last.n} @${last.atSec}s, heap ${last.heapMB.join('→')} MB, goal ${last.goalMB} MB, GC CPU ${last.cpuPercent}%` : '') +
      '\nClick for the summary';
    item.command = { title: 'Summarize GC Trace', command: 'gomem.showDebugGcTrace', arguments: [session.id] };
    item.show();
  };
  const later = () => (timer ??= setTimeout(update, THROTTLE_MS));
  return vscode.Disposable.from(
    item,
    collector.onDidChange(later),
    vscode.debug.onDidChangeActiveDebugSession(update),
    { dispose: () => clearTimeout(timer) },
  );
}
