import * as vscode from 'vscode';
import type { GoroutineComparison } from '../core/goroutine/compare';
import type { Ctx } from '../ctx';
import { GoroutineCompareRequest } from '../protocol/lsp';
import { parseGoroutinesMessage, type GoroutineCompareResult, type HostToGoroutines } from '../protocol/goroutineView';
import { webviewHtml, webviewOptions } from './html';
import { openBeside } from './profileEditor';

export const GOROUTINES_VIEW_TYPE = 'gomem.goroutines';

/** What the newest panel showed: the test API reads it (api.ts). */
let latest: { title: string; comparison: GoroutineComparison } | undefined;

export function latestGoroutineComparison(): { title: string; comparison: GoroutineComparison } | undefined {
  return latest;
}

/**
 * A panel beside the editor with the groups of goroutines that grew between
 * the files (oldest first), read and compared in the language server. Every
 * frame and creation site links to its source; the host opens only
 * locations the comparison holds. Resolves once the panel has its data.
 */
export async function showGoroutineComparison(ctx: Ctx, paths: readonly string[]): Promise<GoroutineComparison | undefined> {
  const names = paths.map((p) => p.replace(/^.*[\\/]/, ''));
  const title = names.length === 1 ? `Goroutines — ${names[0]}` : `Goroutines — ${names[0]} → ${names[names.length - 1]}`;
  const ext = ctx.extension.extensionUri;
  const panel = vscode.window.createWebviewPanel(GOROUTINES_VIEW_TYPE, title, vscode.ViewColumn.Beside, webviewOptions(ext));
  panel.webview.html = webviewHtml(panel.webview, ext, 'goroutines', title);
  const post = (m: HostToGoroutines) => void panel.webview.postMessage(m);
  // Listen before asking the server: the page may say "ready" before the answer arrives.
  const answer = compare(ctx, paths, names);
  const sub = panel.webview.onDidReceiveMessage(async (raw) => {
    const m = parseGoroutinesMessage(raw);
    const result = await answer;
    if (m?.type === 'ready') {
      post('error' in result ? { type: 'error', message: result.error } : { type: 'init', title, comparison: result.comparison, localFiles: result.localFiles });
    } else if (m?.type === 'openLocation' && 'comparison' in result && holdsLocation(result.comparison, m.file, m.line)) {
      const local = result.localFiles[m.file];
      if (local) await openBeside(local, m.line, panel.viewColumn);
      else void vscode.window.showInformationMessage(`gomem: ${m.file} is not on this machine (see gomem.substitutePath).`);
    }
  });
  panel.onDidDispose(() => sub.dispose());
  const result = await answer;
  if ('error' in result) return undefined;
  latest = { title, comparison: result.comparison };
  return result.comparison;
}

/** The server's comparison, or the error to show (also as a notification). */
async function compare(ctx: Ctx, paths: readonly string[], names: readonly string[]): Promise<GoroutineCompareResult | { error: string }> {
  try {
    if (!ctx.client) throw new Error('the gomem language server is not running');
    return await ctx.client.sendRequest(GoroutineCompareRequest, { paths: [...paths] });
  } catch (err) {
    const error = `Could not compare ${names.join(', ')}: ${(err as Error).message}`;
    void vscode.window.showErrorMessage(`gomem: ${error}`);
    return { error };
  }
}

/** Only frames and creation sites of the comparison can be opened (the webview asks, the host decides). */
function holdsLocation(c: GoroutineComparison, file: string, line: number): boolean {
  return c.rows.some((r) => r.creation?.frame.file === file && r.creation.frame.line === line) || c.rows.some((r) => r.frames.some((f) => f.file === file && f.line === line));
}
