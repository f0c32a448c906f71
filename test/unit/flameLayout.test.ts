import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { layoutFlame } from '../../src/core/flame/layout';
import { ancestorAt, namePath, nodeAt, nodeByNamePath, siblingOf, widestChild } from '../../src/core/flame/navigate';
import { checkTree, treeShape } from '../../src/core/flame/shape';
import type { FlameTree } from '../../src/protocol/flame';
import { goldenPath } from '../support/goTools';
import { nodeNamed, stacksTree, treeOf } from './flameStacks';

const heap = () => treeOf(readFileSync(goldenPath('heap.pb.gz')));

/** Children lists, by a plain scan (the oracle for the preorder tricks). */
function kids(tree: FlameTree): number[][] {
  const out: number[][] = Array.from({ length: tree.parent.length }, () => []);
  for (let i = 1; i < tree.parent.length; i++) out[tree.parent[i]].push(i);
  return out;
}

test('shape: subtree sizes and deepest depths agree with a recursive walk of the real heap tree', () => {
  const tree = heap();
  const { size, maxDepth } = treeShape(tree);
  const k = kids(tree);
  const walk = (n: number): [number, number] =>
    k[n].map(walk).reduce(([s, d], [cs, cd]) => [s + cs, Math.max(d, cd)], [1, tree.depth[n]] as [number, number]);
  for (let i = 0; i < tree.parent.length; i++) assert.deepEqual([size[i], maxDepth[i]], walk(i), `node ${i}`);
  assert.equal(checkTree(tree), '');
});

test('checkTree refuses what would break drawing: not preorder, bad indexes, short columns', () => {
  const good = stacksTree([[['main.a', 'main.b'], [1, 1]], [['main.c'], [1, 1]]]);
  assert.equal(checkTree(good), '');
  const swapped = { ...good, parent: good.parent.slice() };
  // main.c (under the root) made a child of main.b's sibling position: not preorder any more.
  swapped.parent[3] = 1;
  swapped.parent[2] = 0;
  assert.match(checkTree(swapped), /not in preorder/);
  assert.match(checkTree({ ...good, name: Int32Array.from(good.name, () => 999) }), /missing string/);
  assert.match(checkTree({ ...good, total: good.total.subarray(1) }), /column total/);
  assert.match(checkTree({ ...good, parent: new Int32Array(0), depth: new Int32Array(0) }), /no root/);
});

test('layout: widths are totals, children sit side by side inside their parent in name order', () => {
  const tree = heap();
  const types = tree.sampleTypes.length;
  for (let t = 0; t < types; t++) {
    const { x, width } = layoutFlame(tree, t);
    const k = kids(tree);
    for (let i = 0; i < tree.parent.length; i++) {
      assert.equal(width[i], tree.total[i * types + t]);
      let at = x[i];
      for (const c of k[i]) {
        assert.equal(x[c], at, `child ${c} starts where its previous sibling ends`);
        at += width[c];
      }
      assert.ok(at <= x[i] + width[i] + 1e-6, 'children fit in their parent');
    }
  }
});

test('layout: negative values (a delta profile) still nest, with magnitudes as widths', () => {
  const tree = stacksTree([
    [['main.a', 'main.grow'], [1, 300]],
    [['main.a', 'main.shrink'], [-1, -500]],
    [['main.a'], [0, 50]],
  ]);
  const { x, width } = layoutFlame(tree, 1);
  const a = nodeNamed(tree, 'main.a');
  const grow = nodeNamed(tree, 'main.a', 'main.grow');
  const shrink = nodeNamed(tree, 'main.a', 'main.shrink');
  assert.equal(tree.total[a * 2 + 1], -150, 'the signed total is kept in the tree');
  assert.equal(width[grow], 300);
  assert.equal(width[shrink], 500);
  assert.equal(width[a], 850, '|self| + Σ children, more than |total|');
  assert.equal(width[0], 850);
  assert.ok(x[grow] >= x[a] && x[shrink] + width[shrink] <= x[a] + width[a]);
});

test('layout: with a base, the larger side counts; a pruned parent keeps its gap', () => {
  const tree = stacksTree([[['main.a', 'main.b'], [1, 100]]]);
  const types = 2;
  const b = nodeNamed(tree, 'main.a', 'main.b');
  const withBase: FlameTree = { ...tree, baseTotal: tree.total.map((v) => v * 3), baseSelf: tree.self.map((v) => v * 3) };
  assert.equal(layoutFlame(withBase, 1).width[b], 300);
  const pruned: FlameTree = { ...tree, total: tree.total.slice() };
  pruned.total[nodeNamed(tree, 'main.a') * types + 1] = 250; // its dropped children's share stays in the total
  const l = layoutFlame(pruned, 1);
  assert.equal(l.width[nodeNamed(tree, 'main.a')], 250);
  assert.equal(l.width[b], 100);
});

test('nodeAt finds the frame under a point; ancestors of the zoomed frame span the width', () => {
  const tree = stacksTree([
    [['main.a', 'main.b'], [1, 100]],
    [['main.a', 'main.c'], [1, 300]],
    [['main.d'], [1, 600]],
  ]);
  const g = { tree, shape: treeShape(tree), layout: layoutFlame(tree, 1) };
  const a = nodeNamed(tree, 'main.a');
  const c = nodeNamed(tree, 'main.a', 'main.c');
  assert.equal(nodeAt(g, 0, 50, 2, 0), nodeNamed(tree, 'main.a', 'main.b'));
  assert.equal(nodeAt(g, 0, 150, 2, 0), c);
  assert.equal(nodeAt(g, 0, 700, 1, 0), nodeNamed(tree, 'main.d'));
  assert.equal(nodeAt(g, 0, 700, 2, 0), -1, 'nothing under main.d');
  assert.equal(nodeAt(g, 0, 150, 2, 301), -1, 'frames narrower than the minimum are not there');
  // Zoomed to main.c: the root and main.a are drawn across the whole width above it.
  assert.equal(nodeAt(g, c, 999, 0, 0), 0);
  assert.equal(nodeAt(g, c, 0, 1, 0), a);
  assert.equal(nodeAt(g, c, 150, 2, 0), c);
  assert.equal(nodeAt(g, c, 50, 2, 0), c, 'the zoomed frame spans the width too');
  assert.equal(nodeAt(g, c, 150, 3, 0), -1, 'nothing under main.c');
  assert.equal(ancestorAt(tree, c, 1), a);
});

test('keyboard moves: widest drawn child, drawn siblings inside the zoom only', () => {
  const tree = stacksTree([
    [['main.a', 'main.b'], [1, 100]],
    [['main.a', 'main.c'], [1, 300]],
    [['main.a', 'main.e'], [1, 1]],
    [['main.d'], [1, 600]],
  ]);
  const g = { tree, shape: treeShape(tree), layout: layoutFlame(tree, 1) };
  const a = nodeNamed(tree, 'main.a');
  const [b, c, e] = ['main.b', 'main.c', 'main.e'].map((n) => nodeNamed(tree, 'main.a', n));
  assert.equal(widestChild(g, a, 0), c);
  assert.equal(widestChild(g, c, 0), -1);
  assert.equal(siblingOf(g, b, 1, 0, 0), c);
  assert.equal(siblingOf(g, c, -1, 0, 0), b);
  assert.equal(siblingOf(g, c, 1, 0, 0), e);
  assert.equal(siblingOf(g, c, 1, 0, 2), -1, 'main.e is too narrow to be drawn');
  assert.equal(siblingOf(g, a, 1, 0, 0), nodeNamed(tree, 'main.d'));
  assert.equal(siblingOf(g, a, 1, a, 0), -1, 'the zoomed frame has no siblings on screen');
  assert.equal(siblingOf(g, b, 1, b, 0), -1);
});

test('checkTree refuses columns of the wrong kind and string tables that are not strings', () => {
  const good = stacksTree([[['main.a'], [1, 1]]]);
  assert.match(checkTree({ ...good, parent: Array.from(good.parent) as unknown as Int32Array }), /parent is not an Int32Array/);
  assert.match(checkTree({ ...good, total: Float32Array.from(good.total) as unknown as Float64Array }), /total is not a Float64Array/);
  assert.match(checkTree({ ...good, baseTotal: good.total }), /base columns/);
  assert.match(checkTree({ ...good, names: [1, 2] as unknown as string[] }), /string tables/);
  assert.match(checkTree({ ...good, sampleTypes: [{ type: 'x' }] as never }), /sample types/);
});

test('a frame found again by its call path in another tree of the profile', () => {
  const a = stacksTree([[['main.a', 'main.b'], [1, 1]], [['main.c'], [1, 1]]]);
  const b = stacksTree([[['main.0'], [1, 1]], [['main.a', 'main.x'], [1, 1]], [['main.a', 'main.b'], [1, 1]]]);
  const node = nodeNamed(a, 'main.a', 'main.b');
  assert.deepEqual(namePath(a, node), ['main.a', 'main.b']);
  assert.equal(nodeByNamePath(b, treeShape(b), namePath(a, node)), nodeNamed(b, 'main.a', 'main.b'));
  assert.equal(nodeByNamePath(b, treeShape(b), ['main.c']), -1);
  assert.equal(nodeByNamePath(b, treeShape(b), []), 0);
});
