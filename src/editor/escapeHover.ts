import * as vscode from 'vscode';
import { config } from '../config';
import type { Ctx } from '../ctx';
import { EscapeHoverRequest } from '../protocol/lsp';

/**
 * Hover on a line with compiler findings: each message with the bytes
 * measured there and the compiler's reason chain, every step a link. A
 * provider of its own beside the language server's profile hover (one LSP
 * server has one hover); other editors get the same text from
 * gomem/escapeHover.
 */
export function registerEscapeHover(ctx: Ctx): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    { language: 'go', scheme: 'file' },
    {
      async provideHover(doc, pos) {
        const client = ctx.client;
        if (!client || !config.escapeEnabled()) return undefined;
        const md = await client.sendRequest(EscapeHoverRequest, { uri: doc.uri.toString(), line: pos.line }).then(undefined, () => null);
        return md ? new vscode.Hover(new vscode.MarkdownString(md), doc.lineAt(pos.line).range) : undefined;
      },
    },
  );
}
