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

export function treeShape(tree: FlameTree): TreeShape {
  const n = tree.parent.length;
  const size = new Int32Array(n).fill(1);
  const maxDepth = tree.depth.slice();
  const parent = tree.parent;
  // Children follow their parent in preorder: one backward pass folds them in.
  for (let i = n - 1; i > 0; i--) {
    const p = parent[i];
    size[p] += size[i];
    if (maxDepth[i] > maxDepth[p]) maxDepth[p] = maxDepth[i];
  }
  return { size, maxDepth };
}

/**
 * Checks the invariants the renderer relies on (preorder, parents before
 * children, depths, indexes in range), so a malformed tree is refused with a
 * message instead of looping or drawing garbage. Returns '' when valid.
 */
export function checkTree(tree: FlameTree): string {
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
  const { parent, depth, name, file } = tree;
  if (parent[0] !== -1 || depth[0] !== 0) return 'node 0 is not the root';
  const names = tree.names.length;
  const files = tree.files.length;
  // In preorder a node's parent is on the path from the root to the node just before it.
  const path = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = depth[i];
    if (i > 0 && (d < 1 || d > depth[i - 1] + 1 || parent[i] !== path[d - 1])) return `node ${i} is not in preorder`;
    path[d] = i;
    if (!(name[i] >= 0 && name[i] < names && file[i] >= 0 && file[i] < files)) return `node ${i} names a missing string`;
  }
  return '';
}
