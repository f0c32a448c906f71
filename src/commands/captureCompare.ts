import * as vscode from 'vscode';
import type { CaptureEntry } from '../capture/listCaptures';
import { loadProfileUri } from './openProfile';
import type { Ctx } from '../ctx';

/**
 * "Compare with…" on a capture: with two selected, the newer against the
 * older; otherwise the clicked one against a capture picked from the list
 * (same kind first, the one before it preselected). The current one is
 * opened, then `gomem.compareProfiles` runs with the other as `basePath`.
 */
export function compareCapture(ctx: Ctx) {
  return async (entry?: CaptureEntry, selected?: readonly CaptureEntry[]): Promise<void> => {
    const pair = selected?.length === 2 ? newestFirst(ctx, selected) : undefined;
    const current = pair?.[0] ?? entry;
    if (!current || current.trace) return;
    const base = pair?.[1] ?? (await pickBase(ctx, current));
    if (!base) return;
    const info = await loadProfileUri(ctx, vscode.Uri.file(current.path));
    if (info) await vscode.commands.executeCommand('gomem.compareProfiles', { profileId: info.id, basePath: base.path });
  };
}

async function pickBase(ctx: Ctx, current: CaptureEntry): Promise<CaptureEntry | undefined> {
  const others = (ctx.captures?.list ?? []).filter((e) => e.path !== current.path && !e.trace);
  // Same kind first; within a group, newest first (the list's order), so the capture just before this one leads.
  const older = (e: CaptureEntry) => (e.time <= current.time ? 0 : 1);
  const sameKind = (e: CaptureEntry) => (e.kind === current.kind ? 0 : 1);
  const ranked = [...others].sort((a, b) => sameKind(a) - sameKind(b) || older(a) - older(b));
  if (ranked.length === 0) {
    void vscode.window.showInformationMessage('gomem: no other profile in the captures folder to compare with.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    ranked.map((e) => ({ label: e.name, description: new Date(e.time).toLocaleString(), entry: e })),
    { title: `Compare ${current.name} with…`, placeHolder: 'The base: values shown are this capture minus the base' },
  );
  return pick?.entry;
}

/** By capture time; captures of the same second in the view's order (which knows their file times). */
function newestFirst(ctx: Ctx, entries: readonly CaptureEntry[]): CaptureEntry[] {
  const list = ctx.captures?.list ?? [];
  const rank = (e: CaptureEntry) => list.findIndex((x) => x.path === e.path);
  return [...entries].sort((a, b) => b.time - a.time || rank(a) - rank(b));
}
