import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { applyFilters, callersOf, calleesOf, ignoredMatcher } from '../../src/core/flame/derive';
import { originOf, type DerivedTree } from '../../src/core/flame/pathTree';
import { matchedShare, matchNames, searchPattern } from '../../src/core/flame/search';
import { checkTree, treeShape } from '../../src/core/flame/shape';
import type { FlameTree } from '../../src/protocol/flame';
import { goldenPath } from '../support/goTools';
import { nodeNamed, stacksTree, treeOf } from './flameStacks';

/** The tree as "stack → [total, self]" lines for one sample type: easy to compare whole. */
function paths(tree: FlameTree, t = 1): Record<string, [number, number]> {
  const types = tree.sampleTypes.length;
  const out: Record<string, [number, number]> = {};
  const name = (i: number) => tree.names[tree.name[i]];
  const pathOf = (i: number): string => (i === 0 ? name(0) : `${pathOf(tree.parent[i])};${name(i)}`);
  for (let i = 0; i < tree.parent.length; i++) out[pathOf(i)] = [tree.total[i * types + t], tree.self[i * types + t]];
  return out;
}

const recursive = () =>
  stacksTree([
    [['main.main', 'main.f', 'main.g', 'main.f', 'main.leaf'], [1, 10]],
    [['main.main', 'main.f'], [1, 5]],
    [['main.main', 'main.h', 'main.f', 'main.leaf'], [1, 20]],
    [['main.main', 'main.h'], [1, 7]],
    [['runtime.main', 'main.main', 'main.h'], [1, 100]],
  ]);

test('focus merges every outermost call of the function; recursion is not counted twice', () => {
  const d = applyFilters(recursive(), { focus: 'main.f', ignored: [] });
  assert.equal(checkTree(d.tree), '');
  assert.deepEqual(paths(d.tree), {
    'main.f': [35, 5],
    'main.f;main.g': [10, 0],
    'main.f;main.g;main.f': [10, 0],
    'main.f;main.g;main.f;main.leaf': [10, 10],
    'main.f;main.leaf': [20, 20],
  });
  assertOrigins(d, recursive());
});

test('focus on a function that is not there gives an empty tree', () => {
  const d = applyFilters(recursive(), { focus: 'main.nope', ignored: [] });
  assert.equal(d.tree.parent.length, 1);
  assert.equal(d.tree.total[1], 0);
});

test('hiding a function cuts it out of every stack: callees move up and merge, self goes to the caller', () => {
  const src = stacksTree([
    [['main.a', 'main.hide', 'main.b'], [1, 10]],
    [['main.a', 'main.b'], [1, 5]],
    [['main.a', 'main.hide'], [1, 3]],
  ]);
  const d = applyFilters(src, { focus: '', ignored: ['main.hide'] });
  assert.equal(checkTree(d.tree), '');
  assert.deepEqual(paths(d.tree), { root: [18, 0], 'root;main.a': [18, 3], 'root;main.a;main.b': [15, 15] });
  assertOrigins(d, src);
});

test('hiding a package on the real heap profile keeps the total and drops every runtime frame', () => {
  const src = treeOf(readFileSync(goldenPath('heap.pb.gz')));
  const d = applyFilters(src, { focus: '', ignored: ['runtime.'] });
  assert.equal(checkTree(d.tree), '');
  const types = src.sampleTypes.length;
  for (let t = 0; t < types; t++) assert.equal(d.tree.total[t], src.total[t]);
  const names = [...d.tree.name].map((n) => d.tree.names[n]);
  assert.ok(!names.some((n) => n.startsWith('runtime.')), 'no runtime frames');
  assert.ok(names.includes('main.main'));
  // Self values add up to the total: nothing is lost.
  for (let t = 0; t < types; t++) {
    let self = 0;
    for (let i = 0; i < d.tree.parent.length; i++) self += d.tree.self[i * types + t];
    assert.equal(self, d.tree.total[t]);
  }
});

test('ignore entries match names at a boundary', () => {
  const m = ignoredMatcher(['main.foo', 'runtime.', 'net/http']);
  assert.ok(m('main.foo'));
  assert.ok(m('main.foo.func1'));
  assert.ok(!m('main.foobar'));
  assert.ok(m('runtime.mallocgc'));
  assert.ok(!m('runtime/pprof.writeHeap'));
  assert.ok(m('net/http.(*conn).serve'));
  assert.ok(!m('net/httptest.NewServer'));
  assert.ok(!ignoredMatcher([''])('main.x'), 'an empty entry hides nothing');
});

test('focus and hide together: hidden frames inside the focused calls are cut out', () => {
  const d = applyFilters(recursive(), { focus: 'main.f', ignored: ['main.g'] });
  assert.deepEqual(paths(d.tree), { 'main.f': [35, 5], 'main.f;main.f': [10, 0], 'main.f;main.f;main.leaf': [10, 10], 'main.f;main.leaf': [20, 20] });
});

test('callers: an inverted tree of who called the function, ending at the top of each stack', () => {
  const src = recursive();
  const d = callersOf(src, treeShape(src), 'main.h');
  assert.ok(d);
  assert.equal(checkTree(d.tree), '');
  assert.deepEqual(paths(d.tree), {
    'main.h': [127, 0],
    'main.h;main.main': [127, 27],
    'main.h;main.main;runtime.main': [100, 100],
  });
  assertOrigins(d, src);
  assert.equal(callersOf(src, treeShape(src), 'main.nope'), null);
});

test('callers of a recursive function count its outermost calls once', () => {
  const src = recursive();
  const d = callersOf(src, treeShape(src), 'main.f')!;
  assert.deepEqual(paths(d.tree), {
    'main.f': [35, 0],
    'main.f;main.main': [15, 15],
    'main.f;main.h': [20, 0],
    'main.f;main.h;main.main': [20, 20],
  });
});

test('callees are the focus view of the function', () => {
  const src = recursive();
  assert.deepEqual(paths(calleesOf(src, 'main.h')!.tree), paths(applyFilters(src, { focus: 'main.h', ignored: [] }).tree));
  assert.equal(calleesOf(src, 'main.nope'), null);
});

test('derived trees carry base values along (diff)', () => {
  const src = recursive();
  const withBase: FlameTree = { ...src, baseTotal: src.total.map((v) => v * 2), baseSelf: src.self.map((v) => v * 2) };
  const d = applyFilters(withBase, { focus: 'main.f', ignored: [] });
  assert.ok(d.tree.baseTotal && d.tree.baseSelf);
  for (let i = 0; i < d.tree.total.length; i++) {
    assert.equal(d.tree.baseTotal[i], d.tree.total[i] * 2);
    assert.equal(d.tree.baseSelf[i], d.tree.self[i] * 2);
  }
});

test('search: a regex, case-insensitive; an invalid one is matched as plain text', () => {
  assert.ok(searchPattern('^MAIN\\.').test!('main.f'));
  assert.ok(!searchPattern('^main\\.').test!('runtime.main'));
  const bad = searchPattern('f(');
  assert.notEqual(bad.error, '');
  assert.ok(bad.test!('main.f(x)'));
  assert.equal(searchPattern('').test, null);
});

test('matched share adds outermost matches only (no double counting of nested ones)', () => {
  const src = recursive();
  const shape = treeShape(src);
  const m = matchNames(src.names, searchPattern('main\\.(f|leaf)$'))!;
  const share = matchedShare(src, shape, m, 1);
  // main.f (outer, 15) + main.h;main.f (20): the inner main.f and the main.leaf frames are inside them.
  assert.equal(share.total, 35);
  assert.equal(share.frames, 5);
  const h = nodeNamed(src, 'runtime.main', 'main.main', 'main.h');
  assert.equal(matchedShare(src, shape, m, 1, h).total, 0, 'inside a zoomed frame without matches');
});

/** Every node of a derived tree names a source node of the same function. */
function assertOrigins(d: DerivedTree, src: FlameTree): void {
  for (let i = 0; i < d.tree.parent.length; i++) {
    const o = originOf(d, i);
    assert.equal(src.names[src.name[o]], d.tree.names[d.tree.name[i]]);
    assert.equal(src.line[o], d.tree.line[i]);
  }
}
