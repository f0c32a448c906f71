import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { openCompilerOutput } from '../editor/escapeOutput';
import { escapeTarget, runEscapeAnalysis } from '../editor/escapeRun';
import { EscapeOutputRequest } from '../protocol/lsp';

/**
 * "Go Memory: Show Compiler Output": the raw -m=2 text of the latest analysis
 * of the active file's package; run now if there is none, or if the latest was
 * a quick re-run after a save (its -m text has no explanations).
 */
export function showCompilerOutput(ctx: Ctx) {
  return async (): Promise<vscode.TextEditor | undefined> => {
    const client = ctx.client;
    const target = escapeTarget();
    if (!client || !target) return undefined;
    const ask = () => client.sendRequest(EscapeOutputRequest, { uri: target.toString() }).then(undefined, () => null);
    let out = await ask();
    if ((!out || out.quick) && (await runEscapeAnalysis(ctx, target, 'package', vscode.ProgressLocation.Notification))) out = await ask();
    if (!out) return undefined;
    return openCompilerOutput(out);
  };
}
