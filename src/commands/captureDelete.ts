import { rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { CaptureEntry } from '../capture/listCaptures';
import type { Ctx } from '../ctx';

/** "Delete" on captures (the clicked one, or every selected one), after a confirmation. */
export function deleteCapture(ctx: Ctx) {
  return async (entry?: CaptureEntry, selected?: readonly CaptureEntry[]): Promise<void> => {
    const doomed = selected?.length ? selected : entry ? [entry] : [];
    if (doomed.length === 0) return;
    const what = doomed.length === 1 ? doomed[0].name : `${doomed.length} captures`;
    const ok = await vscode.window.showWarningMessage(`Delete ${what}?`, { modal: true, detail: 'The files are deleted from disk.' }, 'Delete');
    if (ok !== 'Delete') return;
    for (const e of doomed) await rm(e.path, { force: true });
    await ctx.captures?.refresh();
  };
}
