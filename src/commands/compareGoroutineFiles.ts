import * as vscode from 'vscode';
import { goroutineCaptures } from '../capture/goroutineCaptures';
import type { CaptureEntry } from '../capture/listCaptures';
import type { GoroutineComparison } from '../core/goroutine/compare';
import type { Ctx } from '../ctx';
import { showGoroutineComparison } from '../webview/goroutinePanel';

/**
 * "Go Memory: Compare Goroutine Files…": any two or more goroutine profiles
 * (proto, debug=1 or debug=2 text). From the Captured Profiles view: the two
 * selected, or the clicked one and a goroutine capture picked from the
 * list; from the Explorer: the selected files (one alone shows its groups);
 * from the palette: files chosen in a dialog. Paths may be passed (oldest
 * first), for keybindings and tests.
 */
export function compareGoroutineFiles(ctx: Ctx) {
  return async (arg?: CaptureEntry | vscode.Uri | string[], selected?: readonly CaptureEntry[] | readonly vscode.Uri[]): Promise<GoroutineComparison | undefined> => {
    const paths = arg instanceof vscode.Uri ? explorerPaths(arg, selected as readonly vscode.Uri[] | undefined) : Array.isArray(arg) ? arg : await fromCaptures(ctx, arg, selected as readonly CaptureEntry[] | undefined);
    return paths && paths.length > 0 ? showGoroutineComparison(ctx, paths) : undefined;
  };
}

/** The Explorer passes the clicked file and the whole selection; names sort by capture time. */
function explorerPaths(clicked: vscode.Uri, selected: readonly vscode.Uri[] | undefined): string[] {
  return (selected && selected.length > 1 ? selected : [clicked]).map((u) => u.fsPath).sort();
}

function fromCaptures(ctx: Ctx, entry: CaptureEntry | undefined, selected: readonly CaptureEntry[] | undefined): Promise<string[] | undefined> {
  if (selected && selected.length > 1) return Promise.resolve(oldestFirst(selected));
  return entry ? withAnother(ctx, entry) : chooseFiles();
}

function oldestFirst(entries: readonly CaptureEntry[]): string[] {
  return [...entries].sort((a, b) => a.time - b.time).map((e) => e.path);
}

async function withAnother(ctx: Ctx, current: CaptureEntry): Promise<string[] | undefined> {
  const others = goroutineCaptures(ctx.captures?.list ?? []).filter((e) => e.path !== current.path);
  if (!others.length) {
    void vscode.window.showInformationMessage('gomem: no other goroutine capture to compare with; showing this one alone.');
    return [current.path];
  }
  const pick = await vscode.window.showQuickPick(
    others.map((e) => ({ label: e.name, description: new Date(e.time).toLocaleString(), entry: e })),
    { title: `Compare goroutines of ${current.name} with…` },
  );
  return pick ? oldestFirst([current, pick.entry]) : undefined;
}

async function chooseFiles(): Promise<string[] | undefined> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Compare Goroutines',
    filters: { 'Goroutine profiles': ['gz', 'pprof', 'prof', 'txt'], 'All files': ['*'] },
  });
  if (!uris?.length) return undefined;
  // Files named by the capture engine sort by time; others keep the dialog's order.
  return uris.map((u) => u.fsPath).sort();
}
