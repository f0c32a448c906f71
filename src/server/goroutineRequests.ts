import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { compareSnapshots } from '../core/goroutine/compare';
import { loadGoroutineFile } from '../node/goroutineFile';
import { GoroutineCompareRequest } from '../protocol/lsp';
import type { ProfileStore } from './profileStore';

/** Goroutine profiles are read and compared here, off the editor. */
export function registerGoroutineRequests(conn: Connection, store: ProfileStore): void {
  conn.onRequest(GoroutineCompareRequest, async ({ paths }) => {
    const snaps = [];
    try {
      for (const p of paths) snaps.push({ name: p.replace(/^.*[\\/]/, ''), snapshot: await loadGoroutineFile(store.absolute(p), store.maxProfileBytes) });
    } catch (err) {
      throw new ResponseError(3, (err as Error).message);
    }
    const comparison = compareSnapshots(snaps);
    const resolve = await store.sourceResolver();
    const localFiles: Record<string, string | null> = {};
    for (const row of comparison.rows) {
      for (const f of [...row.frames, ...(row.creation ? [row.creation.frame] : [])]) {
        if (f.file && !(f.file in localFiles)) localFiles[f.file] = resolve(f.file) ?? null;
      }
    }
    return { comparison, localFiles };
  });
}
