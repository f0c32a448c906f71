import { fileURLToPath } from 'node:url';
import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { mergeFlameTrees } from '../core/pprof/flameDiff';
import { pruneFlameTree } from '../core/pprof/flamePrune';
import { buildFlameTree } from '../core/pprof/flameTree';
import { encodeFlameTree } from '../node/flameWire';
import type { FlameTree } from '../protocol/flame';
import { FlameTreeRequest, FunctionsAtRequest } from '../protocol/lsp';
import type { DocumentTracker } from './documents';
import { baselineLineOf } from './lineMapping';
import { realPath, type LoadedProfile } from './loadedProfile';
import type { ProfileStore } from './profileStore';

const DEFAULT_MAX_NODES = 500_000;

/** The flame graph's data: the tree (optionally merged with a base) and cursor → functions. */
export function registerFlameRequests(conn: Connection, store: ProfileStore, documents: DocumentTracker): void {
  conn.onRequest(FlameTreeRequest, ({ id, baseId, maxNodes }) => {
    const lp = store.get(id);
    if (!lp) throw new ResponseError(1, 'no profile is loaded');
    let tree = flameTreeOf(lp);
    if (baseId) {
      const base = store.get(baseId);
      if (!base) throw new ResponseError(1, `no loaded profile with id ${baseId}`);
      tree = mergeFlameTrees(tree, flameTreeOf(base));
    }
    const { tree: pruned, pruned: dropped } = pruneFlameTree(tree, maxNodes ?? DEFAULT_MAX_NODES);
    const base = baseId ? store.get(baseId) : undefined;
    const localFiles = pruned.files.map((f) => lp.localPathOf.get(f) ?? base?.localPathOf.get(f) ?? null);
    return encodeFlameTree(pruned, localFiles, dropped);
  });
  conn.onRequest(FunctionsAtRequest, ({ uri, line }) => {
    const lp = store.active();
    if (!lp || !uri.startsWith('file:')) return [];
    return functionsAt(lp, realPath(fileURLToPath(uri)), baselineLineOf(documents.get(uri), line));
  });
}

/** Built once per profile and kept: switching sample type or zooming needs no rebuild. */
const trees = new WeakMap<LoadedProfile, FlameTree>();

function flameTreeOf(lp: LoadedProfile): FlameTree {
  let t = trees.get(lp);
  if (!t) trees.set(lp, (t = buildFlameTree(lp.profile, lp.tables.functions)));
  return t;
}

/**
 * The profiled function whose body holds a (0-based, baseline) line of a
 * local file: the one with the greatest start line at or before it, so a
 * closure wins over the function around it.
 */
export function functionsAt(lp: LoadedProfile, localFile: string, line: number): string[] {
  if (line < 0) return [];
  const names = new Set(lp.profileNamesOf.get(localFile) ?? []);
  let best: { start: number; fn: string } | undefined;
  for (const r of lp.tables.functions.rows) {
    if (!names.has(r.file) || r.startLine <= 0 || r.startLine - 1 > line) continue;
    if (!best || r.startLine > best.start) best = { start: r.startLine, fn: r.function };
  }
  return best ? [best.fn] : [];
}
