import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { parseMonitorMessage, type HostToMonitor, type MonitorView } from '../protocol/monitor';
import { webviewHtml, webviewOptions } from './html';

export const MONITOR_VIEW_TYPE = 'gomem.memoryMonitor';

/**
 * The live chart of the memory monitor, beside the editor. The page gets the
 * history once it says it is ready, then each new point and breach as it
 * happens; it asks for nothing else.
 */
export class MonitorPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private ready = false;
  private readonly subs: vscode.Disposable[] = [];

  constructor(ctx: Ctx, view: () => MonitorView, onDispose: () => void) {
    const ext = ctx.extension.extensionUri;
    this.panel = vscode.window.createWebviewPanel(MONITOR_VIEW_TYPE, 'Memory Monitor', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { ...webviewOptions(ext), retainContextWhenHidden: true });
    this.panel.webview.html = webviewHtml(this.panel.webview, ext, 'monitor', 'Memory Monitor');
    this.subs.push(
      this.panel.webview.onDidReceiveMessage((raw) => {
        if (parseMonitorMessage(raw)?.type !== 'ready') return;
        this.ready = true;
        void this.panel.webview.postMessage({ type: 'init', view: view() } satisfies HostToMonitor);
      }),
      this.panel.onDidDispose(() => {
        this.subs.splice(0).forEach((d) => d.dispose());
        onDispose();
      }),
    );
  }

  /** Sends an update; before the page is ready there is nothing to update (init carries the history). */
  post(m: HostToMonitor): void {
    if (this.ready) void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    this.panel.dispose();
  }
}
