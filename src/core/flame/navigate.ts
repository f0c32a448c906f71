import type { FlameTree } from '../../protocol/flame';
import type { FlameWidths } from './layout';
import type { TreeShape } from './shape';

/** A tree with what drawing it needs: its shape and the frame widths of the current sample type. */
export interface FlameGeometry {
  tree: FlameTree;
  shape: TreeShape;
  layout: FlameWidths;
}

/**
 * The frame drawn on row `depth` at value offset `vx` from the left edge of
 * a view zoomed to `zoom` (layout units), or -1. Rows above the zoomed
 * frame show its ancestors across the whole width. Frames narrower than
 * `minWidth` are not drawn, so they are not found either. Walks down from
 * the zoomed frame one level per row, adding up siblings' widths (children
 * sit side by side from their parent's left edge, in tree order).
 */
export function nodeAt(g: FlameGeometry, zoom: number, vx: number, depth: number, minWidth: number): number {
  const { tree, shape } = g;
  const { width } = g.layout;
  if (depth < 0 || depth > shape.maxDepth[zoom]) return -1;
  if (depth <= tree.depth[zoom]) return ancestorAt(tree, zoom, depth);
  if (!(vx >= 0 && vx < width[zoom])) return -1;
  let cur = zoom;
  let off = vx;
  while (tree.depth[cur] < depth) {
    const end = cur + shape.size[cur];
    let c = cur + 1;
    while (c < end && off >= width[c]) {
      off -= width[c];
      c += shape.size[c];
    }
    if (c >= end || width[c] < minWidth) return -1;
    cur = c;
  }
  return cur;
}

/** The ancestor of `node` at `depth` (the node itself at its own depth). */
export function ancestorAt(tree: FlameTree, node: number, depth: number): number {
  let a = node;
  while (a >= 0 && tree.depth[a] > depth) a = tree.parent[a];
  return a;
}

/** The widest child of `node` that is drawn (at least minWidth), or -1. */
export function widestChild(g: FlameGeometry, node: number, minWidth: number): number {
  const end = node + g.shape.size[node];
  let best = -1;
  for (let c = node + 1; c < end; c += g.shape.size[c]) {
    if (g.layout.width[c] >= minWidth && (best < 0 || g.layout.width[c] > g.layout.width[best])) best = c;
  }
  return best;
}

/**
 * The drawn sibling before (dir -1) or after (dir 1) `node`, or -1. Only
 * frames inside the zoomed subtree count: the zoomed frame has no
 * siblings on screen.
 */
export function siblingOf(g: FlameGeometry, node: number, dir: -1 | 1, zoom: number, minWidth: number): number {
  const p = g.tree.parent[node];
  if (node === zoom || p < 0 || node < zoom || node >= zoom + g.shape.size[zoom]) return -1;
  const end = p + g.shape.size[p];
  let before = -1;
  for (let c = p + 1; c < end; c += g.shape.size[c]) {
    if (g.layout.width[c] < minWidth) continue;
    if (dir > 0 && c > node) return c;
    if (c === node && dir < 0) return before;
    before = c;
  }
  return -1;
}

/** The function names on the path from the root (excluded) down to `node`. */
export function namePath(tree: FlameTree, node: number): string[] {
  const out: string[] = [];
  for (let a = node; a > 0; a = tree.parent[a]) out.push(tree.names[tree.name[a]]);
  return out.reverse();
}

/** The node reached from the root through children with these names, or -1: the same frame in another tree of the profile. */
export function nodeByNamePath(tree: FlameTree, shape: TreeShape, path: readonly string[]): number {
  let cur = 0;
  for (const want of path) {
    const end = cur + shape.size[cur];
    let c = cur + 1;
    while (c < end && tree.names[tree.name[c]] !== want) c += shape.size[c];
    if (c >= end) return -1;
    cur = c;
  }
  return cur;
}
