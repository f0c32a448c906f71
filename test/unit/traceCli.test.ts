import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/goTools';
import { fixtureLines, goldenFactsPath, goldenTracePath, OLD_FORMAT_TRACE, traceTempDir, type ParsedFacts } from '../support/traceTools';

/** The built CLI (dist/cli.js), run as a user runs it. */
function gomem(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd: repoRoot(), maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('trace --json: the issue\'s keys, with Go\'s numbers', () => {
  const r = gomem('trace', goldenTracePath('gc-go1.26'), '--json');
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  const { facts } = JSON.parse(readFileSync(goldenFactsPath('gc-go1.26'), 'utf8')) as { facts: ParsedFacts };
  for (const key of ['goVersion', 'durationNs', 'gcCount', 'stwPauses', 'heapAlloc', 'heapGoal', 'blockedNsByReason']) assert.ok(key in s, key);
  assert.equal(s.goVersion, 'go1.26');
  assert.equal(s.durationNs, facts.endNs - facts.startNs);
  assert.equal(s.gcCount, facts.gcCount);
  assert.deepEqual(Object.keys(s.stwPauses[0]).sort(), ['durationNs', 'kind', 'startNs']);
  assert.deepEqual(s.stwPauses, facts.stw.map((p) => ({ kind: p.kind, startNs: p.startNs - facts.startNs, durationNs: p.durationNs })));
  assert.deepEqual(s.heapAlloc, facts.heapAlloc.map(([t, v]) => [t - facts.startNs, v]));
  assert.deepEqual(s.heapGoal, facts.heapGoal.map(([t, v]) => [t - facts.startNs, v]));
  assert.deepEqual(s.blockedNsByReason, facts.blockedNsByReason);
});

test('trace prints a readable summary: GC, pauses by kind, heap, goroutines by site, blocked time with its place', () => {
  const r = gomem('trace', goldenTracePath('leak-go1.26'), '--n', '3');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^File: .*leak-go1\.26\.trace\nTrace: Go 1\.26 format, 2\.2\d? s, 3 generations, GOMAXPROCS \d+\n/);
  assert.match(r.out, /\nStop-the-world pauses: \d+, total .* of the trace\); p50 .*, p90 .*, p99 .*, max /);
  assert.match(r.out, /\nHeap: in use up to [\d.]+ MB .* goal up to [\d.]+ MB/);
  const line = (re: RegExp) => fixtureLines('leak', 'main.go', re)[0].where;
  assert.ok(r.out.includes(`\n     25  main.leakReceivers ${line(/go receive\(\)/)} → main.receive: 25 waiting: chan receive\n`), r.out);
  assert.ok(r.out.includes(`\n     10  main.leakForever ${line(/go func\(\) \{ select \{\} \}\(\)/)} → main.leakForever.func1: 10 waiting: forever\n`), r.out);
  assert.match(r.out, new RegExp(`\\n +[\\d.]+ s +\\d+ +chan receive, most at main\\.receive ${line(/func receive/).replace(/\./g, '\\.')}\\n`));
});

test('trace errors: a message naming the file and what was found, exit 1 (2 for usage), never a stack trace', () => {
  const dir = traceTempDir('gomem-cli-trace-');
  const cut = join(dir, 'cut.trace');
  const bytes = readFileSync(goldenTracePath('block-go1.26'));
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  const cases = [
    { args: ['trace', 'does-not-exist.trace'], code: 1, re: /^gomem: does-not-exist\.trace: no such file or directory/ },
    { args: ['trace', goldenTracePath(OLD_FORMAT_TRACE)], code: 1, re: /old-go1\.21\.trace: header: found a Go 1\.21 trace; gomem reads the execution-trace format of Go 1\.22 and newer/ },
    { args: ['trace', cut], code: 1, re: /cut\.trace: batch: truncated batch \(generation 1, M -?\d+\): \d+ of \d+ data bytes present \(at byte \d+\)/ },
    { args: ['trace', goldenFactsPath('gc-go1.26')], code: 1, re: /gc-go1\.26\.facts\.json: header: not a Go execution trace/ },
    { args: ['trace'], code: 2, re: /trace needs a trace FILE/ },
    { args: ['trace', goldenTracePath('gc-go1.26'), '--n', '0'], code: 2, re: /--n takes a positive whole number/ },
  ];
  for (const c of cases) {
    const r = gomem(...c.args);
    assert.equal(r.code, c.code, `${c.args.join(' ')}: ${r.err}`);
    assert.match(r.err, c.re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});
