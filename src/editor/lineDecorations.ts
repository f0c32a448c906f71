import * as vscode from 'vscode';
import { config } from '../config';
import type { Ctx } from '../ctx';
import { lineDecorationSpec, type DecorationSpec } from '../core/view/lineDecorationSpec';
import { LineStatsRequest } from '../protocol/lsp';
import { createDecorationTypes, type DecorationTypes } from './decorationTypes';

/**
 * Per-line values and heat tint in visible Go editors. Asks the server for the
 * document's line stats and applies the pure spec; keeps the last spec per
 * document so the extension's API (and its tests) can read what is shown.
 */
export class LineDecorations implements vscode.Disposable {
  private readonly types: DecorationTypes = createDecorationTypes();
  private readonly applied = new Map<string, DecorationSpec>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly appliedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after decorations of a document were (re)applied. */
  readonly onDidApply = this.appliedEmitter.event;

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      this.types,
      this.appliedEmitter,
      ctx.onDidChangeProfiles(() => this.refreshAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.applied.delete(d.uri.toString())),
    );
  }

  /** The spec currently applied to a document (empty when none). */
  specFor(uri: vscode.Uri): DecorationSpec {
    return this.applied.get(uri.toString()) ?? { lines: [] };
  }

  refreshAll(): Promise<void> {
    const docs = new Set(vscode.window.visibleTextEditors.map((e) => e.document));
    return Promise.all([...docs].map((d) => this.refresh(d))).then(() => undefined);
  }

  /** Debounced refresh while typing: the server already has the edit. */
  private schedule(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'go') return;
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => void this.refresh(doc), 100));
  }

  async refresh(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'go' || doc.uri.scheme !== 'file') return;
    const spec = await this.fetchSpec(doc);
    this.applied.set(doc.uri.toString(), spec);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document === doc) this.apply(editor, spec);
    }
    this.appliedEmitter.fire(doc.uri);
  }

  private async fetchSpec(doc: vscode.TextDocument): Promise<DecorationSpec> {
    const client = this.ctx.client;
    if (!client || !this.ctx.profiles.activeId) return { lines: [] };
    try {
      const stats = await client.sendRequest(LineStatsRequest, { uri: doc.uri.toString() });
      return stats ? lineDecorationSpec(stats) : { lines: [] };
    } catch {
      return { lines: [] }; // server restarting: the next notification refreshes
    }
  }

  private apply(editor: vscode.TextEditor, spec: DecorationSpec): void {
    const doc = editor.document;
    const inRange = spec.lines.filter((l) => l.line < doc.lineCount);
    const showValues = config.inlineValues() && config.inlineValuesStyle() === 'decorations';
    const valueOpts = (stale: boolean) =>
      showValues
        ? inRange.filter((l) => l.stale === stale).map((l) => ({
            // No hoverMessage: the language server's hover has the full story.
            range: doc.lineAt(l.line).range.with({ start: doc.lineAt(l.line).range.end }),
            renderOptions: { after: { contentText: l.text } },
          }))
        : [];
    editor.setDecorations(this.types.value, valueOpts(false));
    editor.setDecorations(this.types.stale, valueOpts(true));
    this.types.heat.forEach((type, i) => {
      const ranges = config.heatmap() ? inRange.filter((l) => l.heat === i + 1 && !l.stale).map((l) => doc.lineAt(l.line).range) : [];
      editor.setDecorations(type, ranges);
    });
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const editor of vscode.window.visibleTextEditors) for (const t of this.types.all()) editor.setDecorations(t, []);
    this.disposables.forEach((d) => d.dispose());
  }
}
