import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { SetSampleTypeRequest } from '../protocol/lsp';
import type { ProfileInfo } from '../protocol/types';

/**
 * "Go Memory: Switch Sample Type…" (also the status-bar click). Takes a type
 * name or index as argument; asks with a quick pick otherwise.
 */
export function switchSampleType(ctx: Ctx) {
  return async (arg?: string | number): Promise<ProfileInfo | undefined> => {
    const active = ctx.profiles.profiles.find((p) => p.id === ctx.profiles.activeId);
    if (!ctx.client || !active) {
      void vscode.window.showInformationMessage('gomem: open a profile first (Go Memory: Open Profile…).');
      return undefined;
    }
    const choice = arg ?? (await pickType(active));
    if (choice === undefined) return undefined;
    try {
      return await ctx.client.sendRequest(SetSampleTypeRequest, { id: active.id, sampleType: choice });
    } catch (err) {
      void vscode.window.showErrorMessage(`gomem: ${(err as Error).message}`);
      return undefined;
    }
  };
}

async function pickType(p: ProfileInfo): Promise<number | undefined> {
  const items = p.sampleTypes.map((t, i) => ({
    label: t.type,
    description: `${t.unit}${i === p.defaultSampleTypeIndex ? ' · default' : ''}`,
    picked: i === p.sampleTypeIndex,
    index: i,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `Sample type for ${p.name}` });
  return picked?.index;
}
