import type { FlameTree } from '../../protocol/flame';

/**
 * What the flame graph needs to know about a tree's structure, whatever the
 * sample type: in preorder a node's subtree is the range [i, i + size[i]),
 * so drawing can skip a whole subtree in one step, and maxDepth tells how
 * tall a zoomed view is without walking it.
 */
export interface TreeShape {
  size: Int32Array;
  /** Deepest depth in the node's subtree. */
  maxDepth: Int32Array;
}

/** The shape of a tree known to be well formed (one the panel built itself). */
export function treeShape(tree: FlameTree): TreeShape {
  const r = inspectTree(tree);
  if (typeof r === 'string') throw new Error(`flame tree: ${r}`);
  return r;
}

/**
 * Checks the invariants the renderer relies on (column types and lengths,
 * preorder, depths, string indexes in range), so a malformed tree is
 * refused with a message instead of looping or drawing garbage; for a
 * valid tree returns its shape, found in the same single pass.
 */
export function inspectTree(tree: FlameTree): TreeShape | string {
  const problem = checkColumns(tree);
  return problem || walk(tree);
}

/** '' when the tree is valid, else what is wrong with it. */
export function checkTree(tree: FlameTree): string {
  const r = inspectTree(tree);
  return typeof r === 'string' ? r : '';
}

function checkColumns(tree: FlameTree): string {
  for (const col of ['parent', 'depth', 'name', 'file', 'line'] as const) if (!(tree[col] instanceof Int32Array)) return `column ${col} is not an Int32Array`;
  for (const col of ['total', 'self'] as const) if (!(tree[col] instanceof Float64Array)) return `column ${col} is not a Float64Array`;
  if (!!tree.baseTotal !== !!tree.baseSelf || (tree.baseTotal && !(tree.baseTotal instanceof Float64Array && tree.baseSelf instanceof Float64Array))) {
    return 'base columns are not a pair of Float64Arrays';
  }
  const strings = (a: unknown) => Array.isArray(a) && a.every((s) => typeof s === 'string');
  if (!strings(tree.names) || !strings(tree.files)) return 'the string tables are not lists of strings';
  if (!Array.isArray(tree.sampleTypes) || !tree.sampleTypes.every((t) => typeof t?.type === 'string' && typeof t?.unit === 'string')) return 'bad sample types';
  const n = tree.parent.length;
  const types = tree.sampleTypes.length;
  if (n === 0) return 'the tree has no root';
  if (types === 0) return 'the tree has no sample types';
  for (const col of ['depth', 'name', 'file', 'line'] as const) {
    if (tree[col].length !== n) return `column ${col} has ${tree[col].length} entries, expected ${n}`;
  }
  for (const col of ['total', 'self', 'baseTotal', 'baseSelf'] as const) {
    const c = tree[col];
    if (c && c.length !== n * types) return `column ${col} has ${c.length} entries, expected ${n * types}`;
  }
  if (tree.parent[0] !== -1 || tree.depth[0] !== 0) return 'node 0 is not the root';
  return '';
}

/**
 * One pass in preorder with the path from the root to the current node: a
 * node's parent must be on that path one level up (that is what preorder
 * means), and a node leaves the path when a node at its depth or above
 * comes — its subtree is then complete, so its size and deepest depth are
 * known and its deepest depth goes up to its parent.
 */
function walk(tree: FlameTree): TreeShape | string {
  const { parent, depth, name, file } = tree;
  const n = parent.length;
  const names = tree.names.length;
  const files = tree.files.length;
  const size = new Int32Array(n);
  const maxDepth = new Int32Array(n);
  let path = new Int32Array(64);
  let open = 0; // nodes on the path: path[0..open)
  for (let i = 0; i <= n; i++) {
    const d = i < n ? depth[i] : 0;
    if (i > 0 && i < n && !(d >= 1 && d <= open && parent[i] === path[d - 1])) return `node ${i} is not in preorder`;
    // Nodes at depth d and below are complete: size, and deepest depth up to the parent.
    while (open > d || (i === n && open > 0)) {
      const node = path[--open];
      size[node] = i - node;
      if (open > 0 && maxDepth[node] > maxDepth[path[open - 1]]) maxDepth[path[open - 1]] = maxDepth[node];
    }
    if (i === n) break;
    if (!(name[i] >= 0 && name[i] < names && file[i] >= 0 && file[i] < files)) return `node ${i} names a missing string`;
    if (open === path.length) {
      const grown = new Int32Array(path.length * 2);
      grown.set(path);
      path = grown;
    }
    path[open++] = i;
    maxDepth[i] = d;
  }
  return { size, maxDepth };
}
