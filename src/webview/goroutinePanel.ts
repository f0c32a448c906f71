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

/** Open panels by the files they compare (oldest first): the same files reveal their panel. */
const open = new Map<string, { panel: vscode.WebviewPanel; shown: Promise<GoroutineComparison | undefined> }>();

/**
 * A panel beside the editor with the groups of goroutines that grew between
 * the files (oldest first), read and compared in the language server. Every
 * frame and creation site links to its source; the host opens only
 * locations the comparison holds. Resolves once the panel has its data.
 * The same files again reveal the panel that shows them.
 */
export async function showGoroutineComparison(ctx: Ctx, paths: readonly string[]): Promise<GoroutineComparison | undefined> {
  const had = open.get(key(paths));
  if (had) {
    had.panel.reveal(undefined, true);
    const comparison = await had.shown;
    if (comparison) latest = { title: had.panel.title, comparison };
    return comparison;
  }
  const panel = vscode.window.createWebviewPanel(GOROUTINES_VIEW_TYPE, titleOf(paths), vscode.ViewColumn.Beside, webviewOptions(ctx.extension.extensionUri));
  return fill(ctx, panel, paths);
}

/**
 * Brings back a panel VS Code restored after a reload: it saved the files it
 * compared (the page keeps them in its state), so they are compared again.
 */
export function registerGoroutinePanelSerializer(ctx: Ctx): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(GOROUTINES_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel, state) => void (await restoreGoroutinePanel(ctx, panel, state)),
  });
}

export async function restoreGoroutinePanel(ctx: Ctx, panel: vscode.WebviewPanel, state: unknown): Promise<GoroutineComparison | undefined> {
  const paths = (state as { paths?: unknown } | undefined)?.paths;
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string') || open.has(key(paths))) {
    panel.dispose(); // nothing to restore, or the same files are already shown
    return undefined;
  }
  panel.title = titleOf(paths);
  panel.webview.options = webviewOptions(ctx.extension.extensionUri);
  return fill(ctx, panel, paths);
}

/** Shows the comparison of `paths` in `panel`, new or restored. */
function fill(ctx: Ctx, panel: vscode.WebviewPanel, paths: readonly string[]): Promise<GoroutineComparison | undefined> {
  const names = namesOf(paths);
  const title = titleOf(paths);
  const ext = ctx.extension.extensionUri;
  panel.webview.html = webviewHtml(panel.webview, ext, 'goroutines', title);
  const post = (m: HostToGoroutines) => void panel.webview.postMessage(m);
  // Listen before asking the server: the page may say "ready" before the answer arrives.
  const answer = compare(ctx, paths, names);
  const sub = panel.webview.onDidReceiveMessage(async (raw) => {
    const m = parseGoroutinesMessage(raw);
    const result = await answer;
    if (m?.type === 'ready') {
      post('error' in result ? { type: 'error', message: result.error, paths: [...paths] } : { type: 'init', title, comparison: result.comparison, localFiles: result.localFiles, paths: [...paths] });
    } else if (m?.type === 'openLocation' && 'comparison' in result && holdsLocation(result.comparison, m.file, m.line)) {
      const local = result.localFiles[m.file];
      if (local) await openBeside(local, m.line, panel.viewColumn);
      else void vscode.window.showInformationMessage(`gomem: ${m.file} is not on this machine (see gomem.substitutePath).`);
    }
  });
  const shown = answer.then((result) => {
    if ('error' in result) return undefined;
    latest = { title, comparison: result.comparison };
    return result.comparison;
  });
  const k = key(paths);
  open.set(k, { panel, shown });
  panel.onDidDispose(() => {
    sub.dispose();
    if (open.get(k)?.panel === panel) open.delete(k);
  });
  return shown;
}

function key(paths: readonly string[]): string {
  return paths.join('\0');
}

function namesOf(paths: readonly string[]): string[] {
  return paths.map((p) => p.replace(/^.*[\\/]/, ''));
}

function titleOf(paths: readonly string[]): string {
  const names = namesOf(paths);
  return names.length === 1 ? `Goroutines — ${names[0]}` : `Goroutines — ${names[0]} → ${names[names.length - 1]}`;
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
