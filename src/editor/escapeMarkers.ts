import * as vscode from 'vscode';
import { escapeMarkers } from '../core/escape/markerSpec';
import type { Ctx } from '../ctx';
import { EscapeSitesRequest } from '../protocol/lsp';

/**
 * The short "⇡ heap" note after lines with heap escapes, in visible Go
 * editors. One decoration type for the extension's life, coloured by the
 * theme colour gomem.escapeMarkerForeground; cleared by setting [].
 */
export class EscapeMarkers implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('gomem.escapeMarkerForeground'), margin: '0 0 0 1.5em', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  constructor(private readonly ctx: Ctx) {}

  /** Redraws the visible Go editors (those showing `uris`, or all). */
  async refresh(enabled: boolean, uris?: readonly string[]): Promise<void> {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === 'go' && (!uris || uris.includes(e.document.uri.toString())));
    await Promise.all(editors.map((e) => this.draw(e, enabled)));
  }

  private async draw(editor: vscode.TextEditor, enabled: boolean): Promise<void> {
    const client = this.ctx.client;
    const sites = enabled && client ? await client.sendRequest(EscapeSitesRequest, { uri: editor.document.uri.toString(), scope: 'file' }).then((r) => r.sites, () => []) : [];
    const doc = editor.document;
    const options = escapeMarkers(sites)
      .filter((m) => m.line < doc.lineCount)
      .map((m) => ({ range: doc.lineAt(m.line).range.with({ start: doc.lineAt(m.line).range.end }), renderOptions: { after: { contentText: m.text } } }));
    editor.setDecorations(this.type, options);
  }

  dispose(): void {
    for (const e of vscode.window.visibleTextEditors) e.setDecorations(this.type, []);
    this.type.dispose();
  }
}
