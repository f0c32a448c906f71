import * as vscode from 'vscode';
import { loadProfileUri } from '../commands/openProfile';
import type { Ctx } from '../ctx';
import { SetSampleTypeRequest, TopRowsRequest } from '../protocol/lsp';
import { parseOverviewMessage, type HostToOverview, type OverviewData } from '../protocol/overview';
import type { ProfileInfo } from '../protocol/types';
import { webviewHtml, webviewOptions } from './html';

export const PROFILE_EDITOR_VIEW_TYPE = 'gomem.profileOverview';

/**
 * Opening a .pb.gz/.pprof/.prof file: loads it into the language server (so
 * Go files get their per-line values) and shows an overview — the hottest
 * lines and functions, each a link to its source.
 */
export function registerProfileEditor(ctx: Ctx): void {
  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    resolveCustomEditor: (doc, panel) => resolve(ctx, doc.uri, panel),
  };
  ctx.own(
    vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, provider, {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: false,
    }),
  );
}

async function resolve(ctx: Ctx, uri: vscode.Uri, panel: vscode.WebviewPanel): Promise<void> {
  const ext = ctx.extension.extensionUri;
  panel.webview.options = webviewOptions(ext);
  panel.webview.html = webviewHtml(panel.webview, ext, 'overview', uri.path.replace(/^.*\//, ''));
  let data: OverviewData | undefined;
  let info: ProfileInfo | undefined;
  const post = (m: HostToOverview) => void panel.webview.postMessage(m);
  const refresh = async () => {
    if (!info || !ctx.client) return;
    const [lines, functions] = await Promise.all([
      ctx.client.sendRequest(TopRowsRequest, { id: info.id, granularity: 'lines', limit: 100 }),
      ctx.client.sendRequest(TopRowsRequest, { id: info.id, granularity: 'functions', limit: 100 }),
    ]);
    data = { lines, functions };
    post({ type: 'init', data });
  };
  const sub = panel.webview.onDidReceiveMessage(async (raw) => {
    const m = parseOverviewMessage(raw);
    if (!m) return;
    if (m.type === 'ready') {
      info ??= await loadProfileUri(ctx, uri);
      if (info) await refresh();
      else post({ type: 'error', message: `Could not load ${uri.fsPath}; see the error notification.` });
    } else if (m.type === 'setSampleType' && info && ctx.client) {
      info = await ctx.client.sendRequest(SetSampleTypeRequest, { id: info.id, sampleType: m.index });
      await refresh();
    } else if (m.type === 'openRow' && data) {
      const row = data[m.granularity].rows[m.index];
      if (row?.localPath) await openBeside(row.localPath, row.line, panel.viewColumn);
    }
  });
  const changed = ctx.onDidChangeProfiles((s) => {
    const p = info && s.profiles.find((x) => x.id === info?.id);
    if (p && p.sampleTypeIndex !== info?.sampleTypeIndex) {
      info = p;
      void refresh();
    }
  });
  panel.onDidDispose(() => {
    sub.dispose();
    changed.dispose();
  });
}

/** Opens file:line in the editor column beside the panel. */
export async function openBeside(path: string, line: number, column?: vscode.ViewColumn): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  const pos = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(doc, {
    viewColumn: column === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
    selection: new vscode.Range(pos, pos),
    preserveFocus: false,
  });
}
