import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { escapeTarget, runEscapeAnalysis } from '../editor/escapeRun';
import { EscapeOutputRequest, EscapeSitesRequest } from '../protocol/lsp';
import type { EscapeSiteInfo } from '../protocol/types';

/**
 * "Go Memory: Costliest Escapes": heap-escape sites across the module,
 * ordered by the bytes the active profile measured on their lines; opens the
 * chosen one. The module is analysed first unless it already was. With
 * `{ open: n }` (tests, other commands) it opens the n-th without asking.
 */
export function showCostliestEscapes(ctx: Ctx) {
  return async (arg?: { open?: number }): Promise<EscapeSiteInfo[]> => {
    const client = ctx.client;
    const target = escapeTarget();
    if (!client || !target) return [];
    const latest = await client.sendRequest(EscapeOutputRequest, { uri: target.toString() }).then(undefined, () => null);
    if (latest?.scope !== 'module' && !(await runEscapeAnalysis(ctx, target, 'module', vscode.ProgressLocation.Notification))) return [];
    const { sites, sampleType, profileName } = await client.sendRequest(EscapeSitesRequest, { scope: 'all' });
    const chosen = arg?.open !== undefined ? sites[arg.open] : await pick(sites, sampleType ? `${profileName} · ${sampleType}` : undefined);
    if (chosen) await reveal(chosen);
    return sites;
  };
}

async function pick(sites: EscapeSiteInfo[], measured: string | undefined): Promise<EscapeSiteInfo | undefined> {
  if (sites.length === 0) {
    void vscode.window.showInformationMessage('gomem: the compiler reported no heap escapes in this module.');
    return undefined;
  }
  const items = sites.map((s) => ({
    label: s.label,
    description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri))}:${s.line + 1}`,
    site: s,
  }));
  const placeHolder = measured ? `Heap escapes by bytes allocated on their line (${measured})` : 'Heap escapes (open a heap or allocs profile to order them by measured bytes)';
  return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.site;
}

async function reveal(s: EscapeSiteInfo): Promise<void> {
  const pos = new vscode.Position(s.line, s.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(s.uri), { selection: new vscode.Range(pos, pos) });
}
