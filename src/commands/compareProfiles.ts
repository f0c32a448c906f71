import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { LoadProfileRequest, SetBaseRequest } from '../protocol/lsp';
import type { ProfileInfo } from '../protocol/types';
import { PROFILE_FILTERS } from './openProfile';

/**
 * "Go Memory: Compare with…": picks a base profile (another loaded one, or a
 * file) for the active profile. The flame graph colours growth and shrink,
 * and the editor's per-line values become deltas.
 */
export function compareProfiles(ctx: Ctx) {
  return async (arg?: { profileId?: string; basePath?: string }): Promise<void> => {
    const client = ctx.client;
    const current = ctx.profiles.profiles.find((p) => p.id === (arg?.profileId ?? ctx.profiles.activeId));
    if (!client || !current) {
      void vscode.window.showInformationMessage('gomem: open a profile first (Go Memory: Open Profile…).');
      return;
    }
    const base = arg?.basePath ? await load(ctx, arg.basePath) : await pickBase(ctx, current);
    if (base === undefined) return;
    ctx.setProfiles(await client.sendRequest(SetBaseRequest, { id: current.id, baseId: base?.id ?? null }));
    const panel = ctx.flamePanels?.get(current.id) ?? ctx.flamePanels?.show(current, true);
    await panel?.compareWith(base ?? undefined);
  };
}

/** A base profile, null for "stop comparing", undefined when cancelled. */
async function pickBase(ctx: Ctx, current: ProfileInfo): Promise<ProfileInfo | null | undefined> {
  type Item = vscode.QuickPickItem & { pick: () => Promise<ProfileInfo | null | undefined> };
  const others = ctx.profiles.profiles.filter((p) => p.id !== current.id);
  const items: Item[] = [
    ...others.map((p) => ({ label: p.name, description: 'loaded', detail: p.path, pick: async () => p })),
    { label: '$(folder-opened) Browse…', description: 'a profile file', pick: () => browse(ctx) },
  ];
  if (current.baseId) items.push({ label: '$(close) Stop comparing', pick: async () => null });
  const chosen = await vscode.window.showQuickPick(items, { placeHolder: `Compare ${current.name} with…` });
  return chosen?.pick();
}

async function browse(ctx: Ctx): Promise<ProfileInfo | undefined> {
  const uri = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare', filters: PROFILE_FILTERS }))?.[0];
  return uri ? load(ctx, uri.fsPath) : undefined;
}

async function load(ctx: Ctx, path: string): Promise<ProfileInfo | undefined> {
  try {
    return await ctx.client?.sendRequest(LoadProfileRequest, { path, activate: false });
  } catch (err) {
    void vscode.window.showErrorMessage(`gomem: cannot open profile: ${(err as Error).message}`);
    return undefined;
  }
}
