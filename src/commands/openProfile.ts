import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { LoadProfileRequest } from '../protocol/lsp';
import type { ProfileInfo } from '../protocol/types';

export const PROFILE_FILTERS = { 'pprof profiles': ['gz', 'pprof', 'prof', 'pb'], 'All files': ['*'] };

/**
 * "Go Memory: Open Profile…": decodes a profile in the language server and
 * makes it active. Takes a Uri or path argument (explorer menu, other
 * commands, tests); asks with a file dialog otherwise.
 */
export function openProfile(ctx: Ctx) {
  return async (arg?: vscode.Uri | string): Promise<ProfileInfo | undefined> => {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : await pick();
    if (!uri) return undefined;
    return loadProfileUri(ctx, uri);
  };
}

export async function loadProfileUri(ctx: Ctx, uri: vscode.Uri): Promise<ProfileInfo | undefined> {
  const client = ctx.client;
  if (!client) {
    void vscode.window.showErrorMessage('gomem: the language server is not running.');
    return undefined;
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Loading ${uri.path.replace(/^.*\//, '')}` },
      () => client.sendRequest(LoadProfileRequest, { path: uri.fsPath }),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(`gomem: cannot open profile: ${(err as Error).message}`);
    return undefined;
  }
}

async function pick(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Open Profile',
    filters: PROFILE_FILTERS,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}
