import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { SetActiveProfileRequest } from '../protocol/lsp';

/** "Go Memory: Switch Active Profile…": several profiles can be loaded; one is shown. */
export function switchProfile(ctx: Ctx) {
  return async (id?: string): Promise<void> => {
    const { profiles, activeId } = ctx.profiles;
    if (!ctx.client || profiles.length === 0) return;
    const target =
      id ??
      (
        await vscode.window.showQuickPick(
          profiles.map((p) => ({ label: p.name, description: p.id === activeId ? 'active' : '', detail: p.path, id: p.id })),
          { placeHolder: 'Profile to show' },
        )
      )?.id;
    if (target) ctx.setProfiles(await ctx.client.sendRequest(SetActiveProfileRequest, { id: target }));
  };
}
