import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { TraceSummary } from '../core/trace/summary/model';
import { TraceSummaryRequest } from '../protocol/lsp';
import { parseTraceMessage, type HostToTrace, type TraceSummaryResult } from '../protocol/traceView';
import { webviewHtml, webviewOptions } from './html';
import { openBeside } from './profileEditor';

export const TRACE_VIEW_TYPE = 'gomem.trace';

/**
 * Opening a Go execution trace shows its summary (GC and pauses, heap vs
 * goal, goroutines, blocked time); the language server reads the trace.
 * Every stack frame links to its source, opened beside the panel.
 */
export function registerTraceEditor(ctx: Ctx): void {
  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    resolveCustomEditor: (doc, panel) => showTrace(ctx, doc.uri, panel),
  };
  ctx.own(vscode.window.registerCustomEditorProvider(TRACE_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: false }));
}

function showTrace(ctx: Ctx, uri: vscode.Uri, panel: vscode.WebviewPanel): void {
  const ext = ctx.extension.extensionUri;
  const name = uri.path.replace(/^.*\//, '');
  panel.webview.options = webviewOptions(ext);
  panel.webview.html = webviewHtml(panel.webview, ext, 'trace', `Trace — ${name}`);
  let result: TraceSummaryResult | undefined;
  const post = (m: HostToTrace) => void panel.webview.postMessage(m);
  const sub = panel.webview.onDidReceiveMessage(async (raw) => {
    const m = parseTraceMessage(raw);
    if (m?.type === 'ready') {
      try {
        if (!ctx.client) throw new Error('the gomem language server is not running');
        result ??= await ctx.client.sendRequest(TraceSummaryRequest, { path: uri.fsPath });
        post({ type: 'init', name, summary: result.summary, localFiles: result.localFiles });
      } catch (err) {
        post({ type: 'error', message: `Could not read ${name}: ${(err as Error).message}` });
      }
    } else if (m?.type === 'openFrame' && result && isFrameOf(result.summary, m.file, m.line)) {
      const local = result.localFiles[m.file];
      if (local) await openBeside(local, m.line, panel.viewColumn);
      else void vscode.window.showInformationMessage(`gomem: ${m.file} is not on this machine (see gomem.substitutePath).`);
    }
  });
  panel.onDidDispose(() => sub.dispose());
}

/** Only frames the summary holds can be opened (the webview asks, the host decides). */
function isFrameOf(s: TraceSummary, file: string, line: number): boolean {
  const stacks = [
    ...s.goroutines.createdBySite.map((g) => g.stack),
    ...s.goroutines.aliveAtEndBySite.map((g) => g.stack),
    ...s.blocked.flatMap((b) => b.topStacks.map((t) => t.stack)),
  ];
  return stacks.some((st) => st.some((f) => f.file === file && f.line === line));
}
