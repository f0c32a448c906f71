import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isCaptureFile, parseCaptureName } from './captureName';

/** One file in the captures folder, as the Captured profiles view lists it. */
export interface CaptureEntry {
  readonly path: string;
  readonly name: string;
  /** `heap`, `heap-delta`, `allocs`, `cpu`, `trace`, …; undefined for a file named otherwise. */
  readonly kind?: string;
  readonly target?: string;
  /** When it was captured (from its name, else the file's modification time), ms since the epoch. */
  readonly time: number;
  readonly bytes: number;
  readonly trace: boolean;
}

/** The captures in a folder, newest first; an absent folder has none. */
export async function listCaptures(dir: string): Promise<CaptureEntry[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found = await Promise.all(names.filter(isCaptureFile).map((name) => entry(dir, name)));
  // Names have whole seconds; the file time orders captures of the same second.
  return found
    .filter((f) => f !== undefined)
    .sort((a, b) => b.entry.time - a.entry.time || b.mtimeMs - a.mtimeMs)
    .map((f) => f.entry);
}

async function entry(dir: string, name: string): Promise<{ entry: CaptureEntry; mtimeMs: number } | undefined> {
  const path = join(dir, name);
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) return undefined; // deleted meanwhile, or a folder
  const parsed = parseCaptureName(name);
  const time = (parsed.at ?? st.mtime).getTime();
  return { entry: { path, name, kind: parsed.kind, target: parsed.target, time, bytes: st.size, trace: parsed.trace }, mtimeMs: st.mtimeMs };
}
