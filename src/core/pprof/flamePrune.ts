import type { FlameTree } from '../../protocol/flame';

/**
 * Drops the smallest nodes of a flame tree so at most `maxNodes` remain: a
 * node goes when its largest |total| over all sample types (and base values
 * in a diff) is below a threshold chosen from the distribution; its subtree
 * goes with it (children are never larger than their parent). Parents keep
 * their totals, so what is dropped shows as a gap, as in pprof.
 */
export function pruneFlameTree(tree: FlameTree, maxNodes: number): { tree: FlameTree; pruned: number } {
  const n = tree.parent.length;
  if (n <= maxNodes) return { tree, pruned: 0 };
  const weight = nodeWeights(tree);
  const sorted = Float64Array.from(weight).sort();
  const threshold = sorted[n - maxNodes];
  const keep = new Uint8Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const par = tree.parent[i];
    if (i === 0 || (keep[par] && weight[i] > threshold && kept < maxNodes)) {
      keep[i] = 1;
      kept++;
    }
  }
  return { tree: select(tree, keep, kept), pruned: n - kept };
}

function nodeWeights(tree: FlameTree): Float64Array {
  const types = tree.sampleTypes.length;
  const n = tree.parent.length;
  const w = new Float64Array(n);
  const cols = [tree.total, tree.baseTotal].filter((c): c is Float64Array => !!c);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (const c of cols) for (let t = 0; t < types; t++) m = Math.max(m, Math.abs(c[i * types + t]));
    w[i] = m;
  }
  return w;
}

/** The kept nodes, still in preorder (a kept node's parent is kept and earlier). */
function select(tree: FlameTree, keep: Uint8Array, kept: number): FlameTree {
  const types = tree.sampleTypes.length;
  const index = new Int32Array(tree.parent.length).fill(-1);
  const out: FlameTree = {
    ...tree,
    parent: new Int32Array(kept), depth: new Int32Array(kept), name: new Int32Array(kept),
    file: new Int32Array(kept), line: new Int32Array(kept),
    total: new Float64Array(kept * types), self: new Float64Array(kept * types),
    baseTotal: tree.baseTotal && new Float64Array(kept * types),
    baseSelf: tree.baseSelf && new Float64Array(kept * types),
  };
  let k = 0;
  for (let i = 0; i < tree.parent.length; i++) {
    if (!keep[i]) continue;
    index[i] = k;
    out.parent[k] = i === 0 ? -1 : index[tree.parent[i]];
    out.depth[k] = tree.depth[i];
    out.name[k] = tree.name[i];
    out.file[k] = tree.file[i];
    out.line[k] = tree.line[i];
    for (const col of ['total', 'self', 'baseTotal', 'baseSelf'] as const) {
      const src = tree[col], dst = out[col];
      if (src && dst) for (let t = 0; t < types; t++) dst[k * types + t] = src[i * types + t];
    }
    k++;
  }
  return out;
}
