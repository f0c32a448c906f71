import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gcLinesOf, runGcChurn, splitGcLine } from '../support/gctraceFixture';
import { goldenPath, repoRoot, skipUnlessGo } from '../support/goTools';

/** The built CLI (dist/cli.js), run as a user runs it. */
function gomem(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd: repoRoot() });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('gctrace --json on a fresh run\'s stderr: the issue\'s keys, each cycle as the line prints it', { skip: skipUnlessGo() }, async () => {
  const run = await runGcChurn();
  const file = join(mkdtempSync(join(tmpdir(), 'gomem-gctrace-cli-')), 'stderr.log');
  writeFileSync(file, run.stderr);
  const r = gomem('gctrace', file, '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['cycles', 'summary']);
  const printed = gcLinesOf(run.stderr);
  assert.equal(j.cycles.length, printed.length);
  j.cycles.forEach((c: Record<string, unknown>, i: number) => {
    assert.deepEqual(Object.keys(c), ['n', 'atSec', 'clockMs', 'heapMB', 'goalMB', 'procs', 'forced']);
    const s = splitGcLine(printed[i]);
    assert.deepEqual(c, { n: s.n, atSec: s.atSec, clockMs: s.clockMs, heapMB: s.heapMB, goalMB: s.goalMB, procs: s.procs, forced: s.forced });
  });
  assert.equal(j.summary.cycles, printed.length);
  assert.equal(j.summary.forced, printed.filter((l) => l.endsWith('(forced)')).length);
  assert.equal(j.summary.pauses.maxMs, Math.max(...printed.flatMap((l) => [splitGcLine(l).clockMs[0], splitGcLine(l).clockMs[2]])));
  assert.equal(j.summary.gcCpuPercent, splitGcLine(printed[printed.length - 1]).percent);
});

test('gctrace prints a readable summary and a row per cycle', () => {
  const r = gomem('gctrace', goldenPath('gcchurn.gctrace'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^File: .*gcchurn\.gctrace\nGC: 46 cycles \(7 forced\) from @0\.000s to @0\.759s; GC CPU 13% since program start\n/);
  assert.match(r.out, /\nStop-the-world pauses: 92, total [\d.]+ ms; p50 [\d.]+ ms, p99 [\d.]+ ms, max 159 ms \(gc 36\)\n/);
  assert.match(r.out, /\nHeap: up to \d+ MB at GC start, \d+ MB at GC end, \d+ MB live \(6 MB at the last GC\); goal up to \d+ MB\n/);
  assert.match(r.out, /\nLog: 7 other lines\n/);
  // The row of gc 36: 159 ms sweep termination, heap 21→46→30, goal 24.
  assert.match(r.out, /\n\s*36\s+0\.420\s+17%\s+159\s+4\.6\s+0\.007\s+21→46→30\s+24\s+2\n/);
  assert.match(r.out, /\n\s*46\s+0\.759\s+13%\s+1\.7\s+0\.16\s+0\.003\s+6→6→6\s+12\s+2\s+forced\n$/);
});

test('gctrace errors: missing file, no gctrace lines, binary file, usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomem-gctrace-cli-'));
  const noLines = join(dir, 'plain.log');
  writeFileSync(noLines, 'hello\nworld\ngc 3 @0.1s 2%: 0.1+\n');
  const binary = join(dir, 'heap.pb.gz');
  writeFileSync(binary, readFileSync(goldenPath('heap.pb.gz')));
  const cases = [
    { args: ['gctrace', 'does-not-exist.log'], code: 1, re: /^gomem: does-not-exist\.log: no such file or directory\n$/ },
    { args: ['gctrace', noLines], code: 1, re: /plain\.log: no gctrace lines \("gc N @…", from GODEBUG=gctrace=1\) \(1 broken, first at line 3\)/ },
    { args: ['gctrace', binary], code: 1, re: /heap\.pb\.gz: a binary file, not a text log/ },
    { args: ['gctrace'], code: 2, re: /gctrace needs a log FILE/ },
    { args: ['gctrace', noLines, '--bogus'], code: 2, re: /Unknown option '--bogus'/ },
  ];
  for (const c of cases) {
    const r = gomem(...c.args);
    assert.equal(r.code, c.code, `${c.args.join(' ')}: ${r.err}`);
    assert.match(r.err, c.re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});
