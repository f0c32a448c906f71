import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { GcTraceLog } from '../core/gctrace/model';
import { summarizeGcTrace } from '../core/gctrace/summary';
import { parseGcTraceMessage, type GcTraceOrigin, type GcTraceViewData, type HostToGcTrace } from '../protocol/gctraceView';
import { webviewHtml, webviewOptions } from './html';

export const GCTRACE_VIEW_TYPE = 'gomem.gctrace';

/** Broken lines listed in the panel; the count covers the rest. */
const MAX_MALFORMED_SHOWN = 50;

/** A parsed log and where its lines are, for revealing a cycle. */
export interface GcTraceSource {
  name: string;
  log: GcTraceLog;
  /** The document the line numbers refer to. */
  uri?: vscode.Uri;
  /** How to read it again after a reload; absent for logs that cannot be (a finished debug session's). */
  origin?: GcTraceOrigin;
}

/**
 * The one GC trace summary panel, beside the editor: each summary replaces
 * the previous one. Clicking a cycle reveals its line in the log.
 */
export class GcTracePanel {
  private static current: GcTracePanel | undefined;
  private source: GcTraceSource;

  private constructor(
    ctx: Ctx,
    readonly panel: vscode.WebviewPanel,
    source: GcTraceSource,
  ) {
    this.source = source;
    const ext = ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(ext);
    panel.webview.html = webviewHtml(panel.webview, ext, 'gctrace', 'GC trace');
    const sub = panel.webview.onDidReceiveMessage((raw) => this.received(raw));
    panel.onDidDispose(() => {
      sub.dispose();
      if (GcTracePanel.current === this) GcTracePanel.current = undefined;
    });
  }

  /**
   * Brings back the panel VS Code restored after a reload: the page kept
   * where its log is, and `read` reads it again (a panel whose log is gone,
   * or a second one, is closed).
   */
  static registerSerializer(ctx: Ctx, read: (origin: GcTraceOrigin) => Promise<GcTraceSource | undefined>): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(GCTRACE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const origin = asOrigin(state);
        const source = origin && !GcTracePanel.current ? await read(origin).catch(() => undefined) : undefined;
        if (!source || GcTracePanel.current) return panel.dispose();
        panel.title = `GC · ${source.name}`;
        GcTracePanel.current = new GcTracePanel(ctx, panel, source);
      },
    });
  }

  /** Shows a summary of the source, in the open panel if there is one. */
  static show(ctx: Ctx, source: GcTraceSource): GcTracePanel {
    const open = GcTracePanel.current;
    if (open) {
      open.source = source;
      open.panel.title = `GC · ${source.name}`;
      open.post({ type: 'init', ...viewData(source) });
      open.panel.reveal(undefined, true);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(GCTRACE_VIEW_TYPE, `GC · ${source.name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    return (GcTracePanel.current = new GcTracePanel(ctx, panel, source));
  }

  private post(m: HostToGcTrace): void {
    void this.panel.webview.postMessage(m);
  }

  private async received(raw: unknown): Promise<void> {
    const m = parseGcTraceMessage(raw);
    if (m?.type === 'ready') this.post({ type: 'init', ...viewData(this.source) });
    // Only lines that hold one of the summarised cycles can be revealed (the page asks, the host decides).
    else if (m?.type === 'revealLine' && this.source.uri && this.source.log.cycles.some((c) => c.line === m.line)) {
      await revealLine(this.source.uri, m.line, this.panel.viewColumn);
    }
  }
}

function viewData(s: GcTraceSource): GcTraceViewData {
  return {
    name: s.name,
    cycles: s.log.cycles,
    summary: summarizeGcTrace(s.log),
    malformed: s.log.malformed.slice(0, MAX_MALFORMED_SHOWN),
    canReveal: s.uri !== undefined,
    restore: s.origin,
  };
}

/** Opens the log at a 0-based line, in another column than the panel's. */
async function revealLine(uri: vscode.Uri, line: number, panelColumn: vscode.ViewColumn | undefined): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc && e.viewColumn !== panelColumn);
  const pos = new vscode.Position(Math.min(line, doc.lineCount - 1), 0);
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: visible?.viewColumn ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One),
    selection: new vscode.Range(pos, doc.lineAt(pos.line).range.end),
  });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
}

/** The page's saved state, checked: it comes back from the webview. */
function asOrigin(state: unknown): GcTraceOrigin | undefined {
  const o = state as Partial<GcTraceOrigin> | undefined;
  if (typeof o?.uri !== 'string') return undefined;
  const l = o.lines;
  if (l === undefined) return { uri: o.uri };
  return Array.isArray(l) && l.length === 2 && l.every((n) => Number.isInteger(n) && n >= 0) && l[0] <= l[1] ? { uri: o.uri, lines: [l[0], l[1]] } : undefined;
}
