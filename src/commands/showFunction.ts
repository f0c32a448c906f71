import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { PROFILE_EDITOR_VIEW_TYPE } from '../webview/profileEditor';

/**
 * What a function's code lens runs: shows the profile beside the code.
 * (The flame graph, once it exists, will focus the function.)
 */
export function showFunction(ctx: Ctx) {
  return async (arg?: { profileId?: string; function?: string }): Promise<void> => {
    const { profiles, activeId } = ctx.profiles;
    const p = profiles.find((x) => x.id === (arg?.profileId ?? activeId));
    if (!p) return;
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(p.path), PROFILE_EDITOR_VIEW_TYPE, vscode.ViewColumn.Beside);
  };
}
