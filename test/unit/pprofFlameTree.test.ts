import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeProfile } from '../../src/core/pprof/decode';
import { mergeFlameTrees } from '../../src/core/pprof/flameDiff';
import { pruneFlameTree } from '../../src/core/pprof/flamePrune';
import { buildFlameTree, compare } from '../../src/core/pprof/flameTree';
import { buildTables } from '../../src/core/pprof/tables';
import { StringTable, TreeBuilder } from '../../src/core/pprof/treeBuilder';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import type { FlameTree } from '../../src/protocol/flame';
import { join } from 'node:path';
import { fixtureDir, goldenPath, parsePprofTop } from '../support/goTools';

/**
 * The flame tree against go tool pprof on the same golden profiles: a
 * function's self values over all its nodes are pprof's flat; its totals
 * over the nodes where it is outermost on the path are pprof's cum.
 */
function tree(name: string): FlameTree {
  const p = decodeProfile(readFileSync(goldenPath(`${name}.pb.gz`)), { gunzip: zlibGunzip });
  return buildFlameTree(p, buildTables(p).functions);
}

function perFunction(t: FlameTree, type: number, cols = { total: t.total, self: t.self }) {
  const types = t.sampleTypes.length;
  const flat = new Map<string, number>();
  const cum = new Map<string, number>();
  for (let i = 1; i < t.parent.length; i++) {
    const name = t.names[t.name[i]];
    flat.set(name, (flat.get(name) ?? 0) + cols.self[i * types + type]);
    let outer = true;
    for (let a = t.parent[i]; a > 0; a = t.parent[a]) if (t.name[a] === t.name[i]) outer = false;
    if (outer) cum.set(name, (cum.get(name) ?? 0) + cols.total[i * types + type]);
  }
  return { flat, cum };
}

for (const name of ['heap', 'allocs']) {
  test(`${name}: flame tree self/total per function equal pprof's flat/cum, every sample type`, () => {
    const t = tree(name);
    t.sampleTypes.forEach((st, type) => {
      const report = parsePprofTop(readFileSync(goldenPath(`${name}.${st.type}.top.txt`), 'utf8'));
      assert.equal(t.total[type], report.total, `${st.type}: root total`);
      const { flat, cum } = perFunction(t, type);
      for (const r of report.rows) {
        assert.equal(flat.get(r.function) ?? 0, r.flat, `${st.type} flat ${r.function}`);
        assert.equal(cum.get(r.function) ?? 0, r.cum, `${st.type} cum ${r.function}`);
      }
    });
  });
}

test('preorder with sorted children: parents come first, depth is parent depth + 1', () => {
  const t = tree('allocs');
  for (let i = 1; i < t.parent.length; i++) {
    assert.ok(t.parent[i] < i);
    assert.equal(t.depth[i], t.depth[t.parent[i]] + 1);
  }
  for (let i = 2; i < t.parent.length; i++) {
    if (t.parent[i] === t.parent[i - 1]) assert.ok(t.names[t.name[i - 1]] <= t.names[t.name[i]], 'siblings sorted by name');
  }
});

test('merge: a tree compared with itself has base equal to current', () => {
  const t = tree('heap');
  const m = mergeFlameTrees(t, t);
  assert.equal(m.parent.length, t.parent.length);
  assert.deepEqual(Array.from(m.baseTotal!), Array.from(m.total));
  assert.deepEqual(Array.from(m.total), Array.from(t.total));
});

test('merge: heap vs allocs keeps every path of both, with each side\'s values', () => {
  const heap = tree('heap');
  const allocs = tree('allocs');
  const m = mergeFlameTrees(allocs, heap);
  assert.equal(m.total[1], allocs.total[1]);
  assert.equal(m.baseTotal![1], heap.total[1]);
  const cur = perFunction(m, 1);
  const base = perFunction(m, 1, { total: m.baseTotal!, self: m.baseSelf! });
  assert.deepEqual(cur.flat, perFunction(allocs, 1).flat);
  assert.deepEqual(base.flat, perFunction(heap, 1).flat);
  assert.ok(m.parent.length >= Math.max(heap.parent.length, allocs.parent.length));
});

test('prune keeps the heaviest nodes, whole paths, and the values as they were', () => {
  const t = tree('allocs');
  const { tree: p, pruned } = pruneFlameTree(t, 10);
  assert.ok(p.parent.length <= 10);
  assert.equal(pruned, t.parent.length - p.parent.length);
  assert.equal(p.total[1], t.total[1], 'root total unchanged');
  for (let i = 1; i < p.parent.length; i++) assert.ok(p.parent[i] >= 0 && p.parent[i] < i);
});

test('a node\'s line is its line on the heaviest path (what a double-click opens)', () => {
  const t = tree('heap');
  const mainMain = Array.from(t.name).findIndex((n, i) => i > 0 && t.names[n] === 'main.main');
  const src = readFileSync(join(fixtureDir('allocs'), 'main.go'), 'utf8').split('\n');
  // main.main's heaviest path (inuse_space, the heap default) goes through its work() call.
  assert.equal(t.line[mainMain], src.findIndex((l) => l.trim() === 'work()') + 1);
});

/**
 * The flame tree by its definition: every sample walked root to leaf in
 * profile order, a node per (parent, function) found through TreeBuilder, its
 * line taken from the first heaviest sample. buildFlameTree sorts the stacks
 * instead and must give the same columns.
 */
function treeByPaths(profileFile: string): FlameTree {
  const p = decodeProfile(readFileSync(profileFile), { gunzip: zlibGunzip });
  const { rows, frameKey, frameStart } = buildTables(p).functions;
  const types = p.sampleTypes.length;
  const frameLine = p.locations.flatMap((l) => l.lines.map((ln) => ln.line));
  const b = new TreeBuilder(types);
  const { values, locationStart, locations } = p.samples;
  for (let s = 0; s < p.samples.count; s++) {
    const v = values.subarray(s * types, (s + 1) * types);
    if (v.every((x) => x === 0)) continue;
    let node = 0;
    b.addTotal(0, v, 0);
    for (let i = locationStart[s + 1] - 1; i >= locationStart[s]; i--) {
      for (let f = frameStart[locations[i] + 1] - 1; f >= frameStart[locations[i]]; f--) {
        node = b.child(node, frameKey[f], frameLine[f], Math.abs(v[p.defaultSampleTypeIndex]));
        b.addTotal(node, v, 0);
      }
    }
    b.addSelf(node, v, 0);
  }
  const names = new StringTable('root');
  const files = new StringTable('');
  const name = rows.map((r) => names.id(r.function));
  const file = rows.map((r) => files.id(r.file));
  const rank = new Int32Array(rows.length);
  rows.map((_, i) => i).sort((x, y) => compare(rows[x].function, rows[y].function)).forEach((row, r) => (rank[row] = r));
  const sampleTypes = p.sampleTypes.map((t) => ({ type: t.type, unit: t.unit }));
  return b.finish(sampleTypes, { names: names.strings, files: files.strings, name: (k) => name[k], file: (k) => file[k], rank: (k) => rank[k] });
}

for (const name of ['heap', 'allocs', 'goroutines/goroutine']) {
  test(`${name}: the tree built from sorted stacks equals the tree walked sample by sample`, () => {
    const file = goldenPath(`${name}.pb.gz`);
    const p = decodeProfile(readFileSync(file), { gunzip: zlibGunzip });
    const got = buildFlameTree(p, buildTables(p).functions);
    const want = treeByPaths(file);
    assert.deepEqual([got.names, got.files, got.sampleTypes], [want.names, want.files, want.sampleTypes]);
    for (const col of ['parent', 'depth', 'name', 'file', 'line', 'total', 'self'] as const) {
      assert.deepEqual(Array.from(got[col]), Array.from(want[col]), col);
    }
  });
}
