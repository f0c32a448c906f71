import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeProfile } from '../../src/core/pprof/decode';
import type { Profile } from '../../src/core/pprof/model';
import { buildTables, rankRows } from '../../src/core/pprof/tables';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { goldenPath, parsePprofTop, pprofTopReport, runAllocsFixture, skipUnlessGo, type PprofRow } from '../support/goTools';

/**
 * gomem's per-line and per-function flat/cum must equal Go's own pprof on the
 * same file, exactly, for every sample type. Golden files (text produced by
 * `go tool pprof` when they were captured) run anywhere; the live half builds
 * and runs the fixture and asks the machine's `go tool pprof`.
 */
type Values = Map<string, [number, number]>;

function ours(p: Profile, type: number, lines: boolean): Values {
  const t = buildTables(p);
  const out: Values = new Map();
  if (lines) for (const r of rankRows(t.lines, type)) out.set(`${r.row.function} ${r.row.file}:${r.row.line}`, [r.flat, r.cum]);
  else for (const r of rankRows(t.functions, type)) out.set(r.row.function, [r.flat, r.cum]);
  return out;
}

function theirs(rows: PprofRow[], lines: boolean): Values {
  const out: Values = new Map();
  for (const r of rows) out.set(lines ? `${r.function} ${r.file}:${r.line}` : r.function, [r.flat, r.cum]);
  return out;
}

function assertSame(a: Values, b: Values, what: string): void {
  const missing = [...b.keys()].filter((k) => !a.has(k));
  const extra = [...a.keys()].filter((k) => !b.has(k));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${what}: rows differ`);
  for (const [k, v] of b) assert.deepEqual(a.get(k), v, `${what}: ${k}`);
}

for (const name of ['heap', 'allocs']) {
  test(`golden ${name}.pb.gz equals the pprof text captured with it, every sample type`, () => {
    const p = decodeProfile(readFileSync(goldenPath(`${name}.pb.gz`)), { gunzip: zlibGunzip });
    assert.equal(p.sampleTypes.length, 4);
    for (const [i, st] of p.sampleTypes.entries()) {
      for (const lines of [true, false]) {
        const file = goldenPath(`${name}.${st.type}.${lines ? 'top-lines' : 'top'}.txt`);
        const report = parsePprofTop(readFileSync(file, 'utf8'));
        assert.equal(report.droppedNodes, 0);
        const mine = ours(p, i, lines);
        assertSame(mine, theirs(report.rows, lines), `${name} ${st.type} ${lines ? 'lines' : 'functions'}`);
        const total = buildTables(p).totalOf(i);
        assert.equal(total, report.total, `${name} ${st.type} total`);
      }
    }
  });
}

test('live fixture run: gomem equals go tool pprof for every sample type, lines and functions', { skip: skipUnlessGo() }, async () => {
  const run = await runAllocsFixture();
  for (const file of [run.heap, run.allocs]) {
    const p = decodeProfile(readFileSync(file), { gunzip: zlibGunzip });
    await Promise.all(
      p.sampleTypes.flatMap((st, i) =>
        [true, false].map(async (lines) => {
          const report = await pprofTopReport(file, { sampleIndex: st.type, lines });
          assert.equal(report.droppedNodes, 0);
          assertSame(ours(p, i, lines), theirs(report.rows, lines), `${file} ${st.type} ${lines ? 'lines' : 'functions'}`);
        }),
      ),
    );
  }
});

test('the order of rows is pprof\'s order', () => {
  const p = decodeProfile(readFileSync(goldenPath('heap.pb.gz')), { gunzip: zlibGunzip });
  const i = p.sampleTypes.findIndex((t) => t.type === 'alloc_space');
  const report = parsePprofTop(readFileSync(goldenPath('heap.alloc_space.top-lines.txt'), 'utf8'));
  const mine = rankRows(buildTables(p).lines, i, { name: (r) => `${r.function} ${r.file}:${r.line}` }).map((r) => `${r.row.function} ${r.row.file}:${r.row.line}`);
  assert.deepEqual(mine, report.rows.map((r) => `${r.function} ${r.file}:${r.line}`));
});

test('values are computed per sample type on first use, kept, and an unknown type is refused', () => {
  const p = decodeProfile(readFileSync(goldenPath('heap.pb.gz')), { gunzip: zlibGunzip });
  const t = buildTables(p);
  const first = t.fileLines.valuesOf(0);
  assert.equal(t.fileLines.valuesOf(0), first, 'the second call returns the kept values');
  // Every type on its own equals the sum the totals give: the leaf of every sample is one row.
  p.sampleTypes.forEach((_, i) => {
    const flat = t.lines.valuesOf(i).flat.reduce((a, b) => a + b, 0);
    assert.equal(flat, t.totalOf(i), `flat of ${p.sampleTypes[i].type} sums to its total`);
  });
  assert.throws(() => t.lines.valuesOf(p.sampleTypes.length), RangeError);
  assert.throws(() => t.lines.valuesOf(-1), RangeError);
});

test('two types computed in one walk equal each computed alone, in every table, and record their totals', () => {
  for (const name of ['heap', 'allocs']) {
    const p = decodeProfile(readFileSync(goldenPath(`${name}.pb.gz`)), { gunzip: zlibGunzip });
    const types = p.sampleTypes.length;
    const alone = buildTables(p);
    for (let a = 0; a < types; a++) {
      for (let b = 0; b < types; b++) {
        const paired = buildTables(p);
        for (const table of ['lines', 'functions', 'fileLines'] as const) {
          const va = paired[table].valuesOf(a, b);
          const vb = paired[table].valuesOf(b);
          for (const [got, type] of [[va, a], [vb, b]] as const) {
            const want = alone[table].valuesOf(type);
            assert.deepEqual(Array.from(got.flat), Array.from(want.flat), `${name} ${table} (${a},${b}) flat of ${type}`);
            assert.deepEqual(Array.from(got.cum), Array.from(want.cum), `${name} ${table} (${a},${b}) cum of ${type}`);
          }
        }
        let sumA = 0;
        for (let s = 0; s < p.samples.count; s++) sumA += p.samples.values[s * types + a];
        assert.equal(paired.totalOf(a), sumA, `${name} total of ${a}`);
      }
    }
  }
});
