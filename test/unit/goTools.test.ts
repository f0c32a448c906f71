// Tests of the Go oracle helpers (test/support/goTools.ts) on the committed
// golden files, and — when Go is installed — on a live run of the allocs
// fixture. Run: npx esbuild test/unit/goTools.test.ts --bundle --platform=node
//   --format=cjs --packages=external --outdir=/tmp/out && node --test /tmp/out/goTools.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ALLOCS_MODULE,
  aggregateRaw,
  allocsFixtureCumLines,
  allocsFixtureSites,
  fixtureDir,
  goBinary,
  goldenPath,
  parsePprofRaw,
  parsePprofTop,
  parsePprofValue,
  pprofRaw,
  pprofTop,
  pprofTopReport,
  repoRoot,
  rowKey,
  runAllocsFixture,
  skipUnlessGo,
  type AllocsFixtureSite,
  type PprofRow,
  type PprofTopReport,
  type RawProfile,
} from '../support/goTools';

const NAMES = ['heap', 'allocs'] as const;
const SAMPLE_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'] as const;
type SampleType = (typeof SAMPLE_TYPES)[number];

const goSkip = skipUnlessGo();

function readGolden(name: string): string {
  return fs.readFileSync(goldenPath(name), 'utf8');
}

function goldenTop(name: string, st: string, lines: boolean): PprofTopReport {
  return parsePprofTop(readGolden(`${name}.${st}.${lines ? 'top-lines' : 'top'}.txt`));
}

function goldenRaw(name: string): RawProfile {
  return parsePprofRaw(readGolden(`${name}.raw.txt`));
}

function findRow(rows: PprofRow[], fn: string, file: string, line: number): PprofRow | undefined {
  return rows.find((r) => r.function === fn && r.file === file && r.line === line);
}

/** Check every fixture site (and the recursion cum line) in -top -lines rows; `fileOf` maps a module-relative file to what pprof prints. */
function checkSites(rows: PprofRow[], st: SampleType, fileOf: (f: string) => string, where: string): void {
  for (const site of allocsFixtureSites) {
    const want = site[st];
    const row = findRow(rows, site.function, fileOf(site.file), site.line);
    if (want === 0) {
      assert.ok(!row || (row.flat === 0 && row.cum === 0), `${where}: ${site.name} should have no ${st}, got ${JSON.stringify(row)}`);
      continue;
    }
    assert.ok(row, `${where}: no row for ${site.name} (${site.function} ${fileOf(site.file)}:${site.line}) in ${st}`);
    assert.equal(row.flat, want, `${where}: ${site.name} flat ${st}`);
    assert.equal(row.cum, want, `${where}: ${site.name} cum ${st} (an allocation site with no callees)`);
    assert.equal(row.inline, site.inline, `${where}: ${site.name} inline flag`);
  }
  if (st === 'alloc_objects' || st === 'alloc_space') {
    for (const c of allocsFixtureCumLines) {
      const row = findRow(rows, c.function, fileOf(c.file), c.line);
      assert.ok(row, `${where}: no row for the recursive call ${c.file}:${c.line}`);
      assert.equal(row.flat, 0);
      assert.equal(row.cum, c[st], `${where}: recursion cum counts each sample once`);
    }
  }
}

const trimmed = (f: string) => `${ALLOCS_MODULE}/${f}`;

/** Compare -top rows with the same report rebuilt from -raw samples. */
function checkAgainstRaw(report: PprofTopReport, raw: RawProfile, st: string, lines: boolean, where: string): void {
  const agg = aggregateRaw(raw, st, lines);
  assert.equal(report.rows.length, agg.size, `${where}: as many -top rows as nodes rebuilt from -raw`);
  const seen = new Set<string>();
  for (const row of report.rows) {
    const key = rowKey(row);
    assert.ok(!seen.has(key), `${where}: -top row ${key} printed twice`);
    seen.add(key);
    const a = agg.get(key);
    assert.ok(a, `${where}: -top row ${key} not found in -raw`);
    assert.equal(row.flat, a.flat, `${where}: flat of ${key}`);
    assert.equal(row.cum, a.cum, `${where}: cum of ${key}`);
    assert.equal(row.inline, a.inline, `${where}: inline flag of ${key}`);
    assert.equal(row.partialInline, a.partialInline, `${where}: partial-inline flag of ${key}`);
  }
}

// ---------------------------------------------------------------------------
// Golden files (no Go needed)

test('golden: every file the update script writes is there', () => {
  for (const name of NAMES) {
    for (const f of [`${name}.pb.gz`, `${name}.raw.txt`, ...SAMPLE_TYPES.flatMap((st) => [`${name}.${st}.top.txt`, `${name}.${st}.top-lines.txt`])]) {
      assert.ok(fs.existsSync(goldenPath(f)), `missing golden file ${f} (run node scripts/update-golden.mjs)`);
    }
    const pb = fs.readFileSync(goldenPath(`${name}.pb.gz`));
    assert.deepEqual([...pb.subarray(0, 2)], [0x1f, 0x8b], `${name}.pb.gz is gzip`);
  }
});

test('golden -raw: header, sample types, default sample type, mappings', () => {
  for (const name of NAMES) {
    const raw = goldenRaw(name);
    assert.deepEqual(raw.sampleTypes.map((t) => `${t.type}/${t.unit}`), ['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes']);
    assert.deepEqual(raw.periodType, { type: 'space', unit: 'bytes' });
    assert.equal(raw.period, 1, 'MemProfileRate=1 is recorded as Period');
    assert.ok(raw.time, 'Time is printed');
    // Go sets default_sample_type only for allocs; heap leaves it unset (pprof then uses the last, inuse_space).
    assert.equal(raw.defaultSampleType, name === 'allocs' ? 'alloc_space' : undefined);
    assert.ok(raw.samples.length > 10 && raw.locations.size > 10, `${name}: samples and locations parsed`);
    assert.ok(raw.mappings.length >= 1);
    const main = raw.mappings[0]!;
    assert.equal(path.basename(main.file), 'allocs');
    assert.match(main.buildId, /^[0-9a-f]+$/);
    assert.equal(main.hasFunctions, true, 'Go marks has_functions');
    assert.equal(main.hasFilenames || main.hasLineNumbers || main.hasInlineFrames, false, 'and nothing else');
    for (const s of raw.samples) {
      assert.equal(s.values.length, 4);
      if (s.values[0]! > 0) {
        // Every real heap sample carries its object size, and values agree with it.
        const size = s.numLabels.bytes;
        assert.ok(size && size.length === 1, `${name}: sample has a bytes label`);
        assert.equal(s.values[1], s.values[0]! * size[0]!, 'alloc_space = alloc_objects * bytes');
        assert.equal(s.values[3], s.values[2]! * size[0]!, 'inuse_space = inuse_objects * bytes');
      }
    }
  }
});

test('golden -raw: inlined frame of newRecord and the recursion stacks', () => {
  const raw = goldenRaw('heap');
  const inl = [...raw.locations.values()].find((l) => l.lines[0]?.function === 'main.newRecord');
  assert.ok(inl, 'a location whose innermost line is main.newRecord');
  assert.deepEqual(
    inl.lines.map((l) => [l.function, l.file, l.line, l.inline]),
    [
      ['main.newRecord', trimmed('helpers.go'), 16, true],
      ['main.buildRecords', trimmed('main.go'), 105, false],
    ],
  );
  assert.equal(inl.lines[0]!.startLine, 15);
  // Recursion: 6 distinct stacks (depth 0..5), each with 1..6 main.recurse frames.
  const recStacks = raw.samples.filter((s) => s.values[0]! > 0 && raw.locations.get(s.locationIds[0]!)!.lines[0]!.function === 'main.recurse');
  const depths = recStacks.map((s) => s.locationIds.filter((id) => raw.locations.get(id)!.lines.some((l) => l.function === 'main.recurse')).length).sort();
  assert.deepEqual(depths, [1, 2, 3, 4, 5, 6]);
  for (const s of recStacks) assert.deepEqual(s.values, [10, 960, 0, 0]);
  // Generic instantiations are distinct functions.
  const fns = new Set([...raw.locations.values()].flatMap((l) => l.lines.map((x) => x.function)));
  assert.ok(fns.has('main.makeSlice[go.shape.int]') && fns.has('main.makeSlice[go.shape.string]'), [...fns].join(', '));
  assert.ok(fns.has('main.closureAllocs.func1'));
});

for (const name of NAMES) {
  for (const st of SAMPLE_TYPES) {
    for (const lines of [false, true]) {
      test(`golden ${name}.${st}.${lines ? 'top-lines' : 'top'}: totals, sites, and agreement with -raw`, () => {
        const report = goldenTop(name, st, lines);
        assert.equal(report.type, st);
        assert.equal(report.file, 'allocs');
        assert.equal(report.droppedNodes, 0, 'no dropped nodes with -nodefraction=0');
        assert.equal(report.topNodes, undefined, 'no "Showing top N nodes" with -nodecount=0');
        assert.ok(report.rows.length > 10, 'rows parsed');
        const flatSum = report.rows.reduce((a, r) => a + r.flat, 0);
        assert.equal(flatSum, report.total, 'sum of flat = the total in the header');
        assert.equal(report.shown, report.total);
        const maxCum = Math.max(...report.rows.map((r) => r.cum));
        assert.ok(maxCum <= report.total);
        if (lines) {
          assert.ok(report.rows.every((r) => r.file !== undefined && r.line !== undefined), 'every -lines row has file:line');
          checkSites(report.rows, st, trimmed, `${name}.${st}`);
          // main.go:164 make([]byte, 320) does not escape: never in a heap profile.
          assert.ok(!report.rows.some((r) => r.file === trimmed('main.go') && r.line === 164), 'stack allocation absent');
        } else {
          assert.ok(report.rows.every((r) => r.file === undefined), 'no file without -lines');
          const nr = report.rows.find((r) => r.function === 'main.newRecord');
          assert.ok(nr && nr.inline && !nr.partialInline, 'main.newRecord (inline)');
          assert.ok(!report.rows.find((r) => r.function === 'main.buildRecords')?.inline);
        }
        checkAgainstRaw(report, goldenRaw(name), st, lines, `${name}.${st}`);
      });
    }
  }
}

test('golden: heap.pb.gz and allocs.pb.gz hold the same samples', () => {
  for (const st of SAMPLE_TYPES) {
    const a = goldenTop('heap', st, true).rows;
    const b = goldenTop('allocs', st, true).rows;
    assert.deepEqual(a, b, st);
  }
});

// ---------------------------------------------------------------------------
// Parser details on synthetic text

test('parsePprofTop: names with spaces, partial-inline, columns, header lines', () => {
  const text = [
    'File: x',
    'Type: alloc_space',
    'Active filters:',
    '   focus=foo',
    'Showing nodes accounting for 300B, 100% of 300B total',
    '      flat  flat%   sum%        cum   cum%',
    '      100B 33.33% 33.33%       300B   100%  main.F[go.shape.struct { a int; b string }] /home/a b/x.go:12',
    '      200B 66.67%   100%       200B 66.67%  main.(*T).m.func1 C:/src/x.go:7:3 (partial-inline)',
    '         0     0%   100%       300B   100%  type:.eq.interface {} x.go:1 (inline)',
    '         0     0%   100%         1B 1.2e-05%  main.g x.go:2',
    '         0     0%   100%       1e-05%  main.broken x.go:2',
  ];
  assert.throws(() => parsePprofTop(text.join('\n')), /unexpected pprof -top row/);
  const r = parsePprofTop(text.slice(0, -1).join('\n') + '\n');
  assert.equal(r.total, 300);
  assert.equal(r.header.length, 5);
  assert.deepEqual(
    r.rows.map((x) => [x.function, x.file, x.line, x.column, x.inline, x.partialInline, x.flat, x.cum]),
    [
      ['main.F[go.shape.struct { a int; b string }]', '/home/a b/x.go', 12, undefined, false, false, 100, 300],
      ['main.(*T).m.func1', 'C:/src/x.go', 7, 3, true, true, 200, 200],
      ['type:.eq.interface {}', 'x.go', 1, undefined, true, false, 0, 300],
      ['main.g', 'x.go', 2, undefined, false, false, 0, 1],
    ],
  );
  assert.equal(parsePprofValue('0'), 0);
  assert.equal(parsePprofValue('1234'), 1234);
  assert.equal(parsePprofValue('10959152B'), 10959152);
  assert.throws(() => parsePprofValue('10.45MB'), /scaled/);
  const dropped = parsePprofTop('Showing nodes accounting for 10, 90% of 11 total\nDropped 3 nodes (cum <= 1)\n      flat  flat%   sum%        cum   cum%\n');
  assert.equal(dropped.droppedNodes, 3);
});

test('parsePprofRaw: comments, labels, folded and unknown locations, mappings', () => {
  const text = [
    'Comment: hello',
    'PeriodType: cpu nanoseconds',
    'Period: 10000000',
    'Duration: 1s',
    'Samples:',
    'samples/count[dflt] cpu/nanoseconds',
    '          1   10000000: 1 2 ',
    '                key:[a b] z:[c]',
    '                bytes:[64 bytes]',
    '          2   20000000: 3 ',
    '                n:[5 7]',
    '          0          0: ',
    'Locations',
    '     1: 0x401000 M=1 main.inner /x/a b.go:3:0 s=2',
    '             main.outer /x/a b.go:9:0 s=8(main.outer_sys)',
    '     2: 0x401100 M=1 [F] ??',
    '     3: 0xffffffffff600000 ',
    'Mappings',
    '1: 0x400000/0x4e4000/0x0 /tmp/bin abc [FN][FL][LN][IN]',
    '2: 0xffffffffff600000/0xffffffffff601000/0x0 [vsyscall]  ',
    '',
  ].join('\n');
  const p = parsePprofRaw(text);
  assert.deepEqual(p.comments, ['hello']);
  assert.equal(p.duration, '1s');
  assert.equal(p.defaultSampleType, 'samples');
  assert.equal(p.samples.length, 3);
  assert.deepEqual(p.samples[0]!.labels, { key: ['a', 'b'], z: ['c'] });
  assert.deepEqual(p.samples[0]!.numLabels, { bytes: [64] });
  assert.deepEqual(p.samples[0]!.numUnits, { bytes: ['bytes'] });
  assert.deepEqual(p.samples[1]!.numLabels, { n: [5, 7] });
  assert.deepEqual(p.samples[2]!.locationIds, []);
  const l1 = p.locations.get(1)!;
  assert.deepEqual(
    l1.lines.map((l) => [l.function, l.file, l.line, l.startLine, l.systemName, l.inline]),
    [
      ['main.inner', '/x/a b.go', 3, 2, undefined, true],
      ['main.outer', '/x/a b.go', 9, 8, 'main.outer_sys', false],
    ],
  );
  assert.equal(p.locations.get(2)!.isFolded, true);
  assert.equal(p.locations.get(2)!.lines[0]!.unknown, true);
  assert.equal(p.locations.get(3)!.address, 0xffffffffff600000n, 'addresses above 2^53 are exact (bigint)');
  assert.equal(p.locations.get(3)!.mappingId, undefined);
  assert.deepEqual(p.mappings.map((m) => [m.id, m.file, m.buildId, m.hasFunctions, m.hasInlineFrames]), [
    [1, '/tmp/bin', 'abc', true, true],
    [2, '[vsyscall]', '', false, false],
  ]);
  assert.equal(p.mappings[1]!.limit, 0xffffffffff601000n);
});

// ---------------------------------------------------------------------------
// Live: the machine's go builds and runs the fixture

test('live: the fixture compiles newRecord inline (go build -gcflags=-m)', { skip: goSkip }, async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gomem-m-'));
  try {
    const stderr = await new Promise<string>((resolve, reject) =>
      execFile(
        goBinary(),
        ['build', '-buildvcs=false', '-gcflags=-m', '-o', path.join(out, 'allocs'), '.'],
        { cwd: fixtureDir('allocs'), env: { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' } },
        (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stderr)),
      ),
    );
    assert.match(stderr, /helpers\.go:15:6: can inline newRecord/);
    assert.match(stderr, /main\.go:105:\d+: inlining call to newRecord/);
    assert.match(stderr, /main\.go:164:\d+: make\(\[\]byte, 320\) does not escape/);
    assert.doesNotMatch(stderr, /inlining call to (recurse|makeSlice|closureAllocs\.func1|allocBig)\b/);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('live: runAllocsFixture builds once, runs fast, and yields the known sites', { skip: goSkip }, async (t) => {
  const run = await runAllocsFixture();
  assert.equal(await runAllocsFixture(), run, 'memoised');
  t.diagnostic(`go build ${run.buildMs} ms, run ${run.runMs} ms`);
  assert.ok(run.runMs < 2000, `the fixture runs in under 2 s (took ${run.runMs} ms)`);
  assert.equal(run.sourceDir, fixtureDir('allocs'));
  assert.ok(!run.outDir.startsWith(repoRoot()), 'builds outside the repo');
  const raw = await pprofRaw(run.heap);
  assert.equal(raw.defaultSampleType, undefined);
  assert.equal((await pprofRaw(run.allocs)).defaultSampleType, 'alloc_space');
  for (const st of SAMPLE_TYPES) {
    const report = await pprofTopReport(run.heap, { sampleIndex: st, lines: true });
    assert.equal(report.droppedNodes, 0);
    assert.equal(report.rows.reduce((a, r) => a + r.flat, 0), report.total);
    checkSites(report.rows, st, (f) => path.join(run.sourceDir, f), `live heap ${st}`);
    checkAgainstRaw(report, raw, st, true, `live heap ${st}`);
    const byFn = await pprofTop(run.allocs, { sampleIndex: st, lines: false });
    checkAgainstRaw({ ...report, rows: byFn }, await pprofRaw(run.allocs), st, false, `live allocs ${st}`);
  }
});

test('live: a -trimpath run matches the golden files at every fixture site', { skip: goSkip }, async () => {
  const run = await runAllocsFixture({ trimpath: true });
  const fixtureRow = (r: PprofRow) => r.file?.startsWith(`${ALLOCS_MODULE}/`) && r.function !== 'main.main';
  for (const name of NAMES) {
    for (const st of SAMPLE_TYPES) {
      const live = (await pprofTop(name === 'heap' ? run.heap : run.allocs, { sampleIndex: st, lines: true })).filter(fixtureRow);
      const golden = goldenTop(name, st, true).rows.filter(fixtureRow);
      const key = (r: PprofRow) => rowKey(r);
      assert.deepEqual(
        live.map((r) => [key(r), r.flat, r.cum, r.inline]).sort(),
        golden.map((r) => [key(r), r.flat, r.cum, r.inline]).sort(),
        `${name} ${st}: the golden files are stale, run node scripts/update-golden.mjs`,
      );
      checkSites(live, st, trimmed, `live trimpath ${name} ${st}`);
    }
  }
});

// Keep the exported site table honest: a site per README entry, unique keys.
test('allocsFixtureSites: unique sites, each line carries an ALLOC comment in the source', () => {
  const keys = new Set(allocsFixtureSites.map((s: AllocsFixtureSite) => `${s.function} ${s.file}:${s.line}`));
  assert.equal(keys.size, allocsFixtureSites.length);
  for (const s of allocsFixtureSites) {
    const src = fs.readFileSync(path.join(fixtureDir('allocs'), s.file), 'utf8').split('\n');
    assert.match(src[s.line - 1] ?? '', /ALLOC:/, `${s.file}:${s.line} is marked ALLOC`);
  }
});
