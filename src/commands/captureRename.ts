import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { CaptureEntry } from '../capture/listCaptures';
import type { Ctx } from '../ctx';

/** "Rename…" on a capture: a new name in the same folder, keeping its extension. */
export function renameCapture(ctx: Ctx) {
  return async (entry?: CaptureEntry): Promise<void> => {
    if (!entry?.path) return;
    const ext = captureExtension(entry.name);
    const dir = dirname(entry.path);
    const stem = entry.name.slice(0, entry.name.length - ext.length);
    const typed = await vscode.window.showInputBox({
      title: `Rename ${entry.name}`,
      value: stem,
      valueSelection: [0, stem.length],
      prompt: `The new name (${ext} is kept)`,
      validateInput: (v) => renameError(v, ext, dir, entry.name),
    });
    if (typed === undefined || withExtension(typed.trim(), ext) === entry.name) return;
    await rename(entry.path, join(dir, withExtension(typed.trim(), ext)));
    await ctx.captures?.refresh();
  };
}

/** `.pb.gz` for gzipped pprof, else the last extension. */
export function captureExtension(name: string): string {
  return /\.pb\.gz$/.exec(name)?.[0] ?? /\.[^.]+$/.exec(name)?.[0] ?? '';
}

function withExtension(name: string, ext: string): string {
  return name.endsWith(ext) ? name : `${name}${ext}`;
}

function renameError(value: string, ext: string, dir: string, current: string): string | undefined {
  const name = withExtension(value.trim(), ext);
  if (!value.trim()) return 'a name';
  if (basename(name) !== name || name.startsWith('.')) return 'a plain file name: no folders, not starting with a dot';
  if (name !== current && existsSync(join(dir, name))) return `${name} exists already`;
  return undefined;
}
