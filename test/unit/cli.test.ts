import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixtureDir, goldenPath, parsePprofTop, repoRoot } from '../support/goTools';

/** The built CLI (dist/cli.js), run as a user runs it. */
function gomem(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd: repoRoot() });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('top --lines --json rows equal go tool pprof -top -lines, as integers', () => {
  const r = gomem('top', goldenPath('heap.pb.gz'), '--lines', '--json', '--sample-type', 'alloc_space');
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out) as { file: string; line: number; function: string; flat: number; cum: number }[];
  const want = parsePprofTop(readFileSync(goldenPath('heap.alloc_space.top-lines.txt'), 'utf8')).rows;
  assert.deepEqual(
    rows.map((x) => [x.function, x.file, x.line, x.flat, x.cum]),
    want.map((x) => [x.function, x.file, x.line, x.flat, x.cum]),
  );
  assert.deepEqual(Object.keys(rows[0]).sort(), ['cum', 'file', 'flat', 'function', 'line']);
  for (const x of rows) assert.ok(Number.isInteger(x.flat) && Number.isInteger(x.cum));
});

test('top by function, limited with --n, in pprof order', () => {
  const r = gomem('top', goldenPath('allocs.pb.gz'), '--n', '3', '--json');
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out) as { function: string; flat: number }[];
  const want = parsePprofTop(readFileSync(goldenPath('allocs.alloc_space.top.txt'), 'utf8')).rows.slice(0, 3);
  assert.deepEqual(rows.map((x) => [x.function, x.flat]), want.map((x) => [x.function, x.flat]));
});

test('top prints a readable table with the sample type and total', () => {
  const r = gomem('top', goldenPath('heap.pb.gz'), '--lines', '--n', '5');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Type: inuse_space \(bytes\)/);
  assert.match(r.out, /flat\s+flat%\s+sum%\s+cum\s+cum%/);
  assert.match(r.out, /4 MB .*main\.allocBig example\.com\/gomem\/fixtures\/allocs\/main\.go:86/);
});

test('lines prints the source with each line\'s values', () => {
  const r = gomem('lines', goldenPath('heap.pb.gz'), join(fixtureDir('allocs'), 'main.go'), '--sample-type', 'alloc_space');
  assert.equal(r.code, 0, r.err);
  const line86 = r.out.split('\n').find((l) => /\s86: /.test(l));
  assert.match(line86 ?? '', /^\s+4 MB\s+4 MB\s+86: /);
  const line94 = r.out.split('\n').find((l) => /\s94: /.test(l));
  assert.match(line94 ?? '', /^\s+6.25 MB/);
});

test('errors exit non-zero with a message, never a stack trace', () => {
  const cases = [
    { args: ['top', 'does-not-exist.pb.gz'], code: 1, re: /does-not-exist\.pb\.gz/ },
    { args: ['top', join(fixtureDir('allocs'), 'main.go')], code: 1, re: /main\.go/ },
    { args: ['top', goldenPath('heap.pb.gz'), '--sample-type', 'nope'], code: 2, re: /unknown sample type "nope"; this profile has: alloc_objects/ },
    { args: ['frobnicate', 'x'], code: 2, re: /unknown command/ },
    { args: ['top', goldenPath('heap.pb.gz'), '--bogus'], code: 2, re: /bogus/ },
  ];
  for (const c of cases) {
    const r = gomem(...c.args);
    assert.equal(r.code, c.code, `${c.args.join(' ')}: ${r.err}`);
    assert.match(r.err, c.re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});
