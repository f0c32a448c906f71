import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { GcTraceSummary } from '../core/gctrace/model';
import { parseGcTraceLines } from '../core/gctrace/parseLog';
import { summarizeGcTrace } from '../core/gctrace/summary';
import { GcTracePanel } from '../webview/gctracePanel';
import { GCTRACE_LANGUAGE } from './highlightGcTrace';

/**
 * The GC trace status item's click: the gctrace lines collected from a debug
 * session so far, as a highlighted log (untitled, to read or save) and their
 * summary beside it; a cycle in the summary reveals its line in that log.
 */
export function showDebugGcTrace(ctx: Ctx) {
  return async (sessionId?: string): Promise<GcTraceSummary | undefined> => {
    const id = sessionId ?? vscode.debug.activeDebugSession?.id;
    const stream = id === undefined ? undefined : ctx.gcTraces?.get(id);
    if (!stream) {
      void vscode.window.showInformationMessage('gomem: no GC trace lines from this debug session yet. Run the program with GODEBUG=gctrace=1 in its env.');
      return undefined;
    }
    const lines = [...stream.lines];
    const doc = await vscode.workspace.openTextDocument({ language: GCTRACE_LANGUAGE, content: lines.join('\n') + '\n' });
    await vscode.window.showTextDocument(doc, { preview: false });
    const log = parseGcTraceLines(lines);
    const active = vscode.debug.activeDebugSession;
    const name = active && active.id === id ? active.name : 'debug session';
    GcTracePanel.show(ctx, { name: `${name} (${log.cycles.length} cycles)`, log, uri: doc.uri });
    return summarizeGcTrace(log);
  };
}
