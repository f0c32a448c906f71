import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESCAPE_FIXTURE, TEST_GO_ENV, escapeProfile } from '../support/escapeFixture';
import { repoRoot, skipUnlessGo } from '../support/goTools';

/** `gomem escape` as a user runs it (dist/cli.js), on the escape fixture. */
function gomem(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, ...TEST_GO_ENV } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Row {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
  bytes?: number;
  objects?: number;
}

test('escape --json: the package in DIR, rows of file, line, column, kind, message', { skip: skipUnlessGo() }, () => {
  const r = gomem(ESCAPE_FIXTURE, 'escape', 'shapes', '--json');
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out) as Row[];
  assert.deepEqual(
    rows.map((x) => [x.file, x.line, x.column, x.kind, x.message]),
    [
      [join(ESCAPE_FIXTURE, 'shapes', 'shapes.go'), 13, 7, 'escapes-to-heap', '&Circle{...} escapes to heap'],
      [join(ESCAPE_FIXTURE, 'shapes', 'shapes.go'), 14, 19, 'escapes-to-heap', 'append escapes to heap'],
      [join(ESCAPE_FIXTURE, 'shapes', 'shapes.go'), 21, 7, 'leaking-param', 'leaking param: c to result ~r0 level=0'],
    ],
  );
});

test('escape --module --profile: bytes and objects per line, costliest first; text report', { skip: skipUnlessGo(), timeout: 120_000 }, () => {
  const profile = escapeProfile();
  const r = gomem(ESCAPE_FIXTURE, 'escape', '--module', '--json', '--profile', profile);
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out) as Row[];
  assert.deepEqual(rows.map((x) => x.bytes), rows.map((x) => x.bytes).sort((a, b) => (b ?? 0) - (a ?? 0)));
  assert.deepEqual([rows[0].message, rows[0].bytes, rows[0].objects], ['make([]byte, 131072) escapes to heap', 131072, 1]);
  assert.deepEqual(Object.keys(rows[0]).sort(), ['bytes', 'column', 'file', 'kind', 'line', 'message', 'objects']);
  assert.ok(rows.some((x) => x.file.endsWith('shapes.go')) && rows.some((x) => x.file.endsWith('_test.go')));
  const text = gomem(ESCAPE_FIXTURE, 'escape', '--module', '--profile', profile, '--kinds', 'moved-to-heap');
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Module .*escape: 4 findings/);
  assert.match(text.out, /Measured: alloc_space, total /);
  assert.match(text.out, /40 kB · 10 objs, [\d.]+% of alloc_space\s+escapes\.go:29:6\s+moved-to-heap\s+moved to heap: buf/);
});

test('escape usage errors exit 2', () => {
  const bad = gomem(ESCAPE_FIXTURE, 'escape', '--kinds', 'nope');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown kind nope/);
  assert.equal(gomem(ESCAPE_FIXTURE, 'escape', 'a', 'b').code, 2);
  assert.match(gomem(ESCAPE_FIXTURE, 'escape', 'no-such-dir').err, /no such directory: no-such-dir/);
});
