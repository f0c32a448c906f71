import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { GoroutineComparison } from '../../src/core/goroutine/compare';
import { captureTempDir, getText, startPprofServer, type PprofServer } from '../support/fixtureServer';
import { goldenPath, repoRoot, skipUnlessGo } from '../support/goTools';

/** `gomem goroutines` as a user runs it (dist/cli.js), on captures of the pprofserver fixture leaking on a timer. */
const skip = skipUnlessGo();
const dir = captureTempDir('gomem-goroutines-cli-');
let server: PprofServer;

function gomem(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { cwd: dir }, (err, out, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: stderr }),
    );
  });
}

before(async () => {
  if (!skip) server = await startPprofServer({ leakEvery: '500ms' });
});
after(() => server?.stop());

/** `gomem capture` for the proto, plain HTTP for the text forms; with the fixture's leak count, read before and after. */
async function capture(name: string, debug?: 1 | 2): Promise<{ file: string; leaked: number }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = await server.leaked();
    const file = join(dir, name);
    if (debug) writeFileSync(file, await getText(`${server.pprofUrl}goroutine?debug=${debug}`));
    else assert.equal((await gomem(['capture', server.pprofUrl, '--kind', 'goroutine', '-o', file])).code, 0);
    if ((await server.leaked()) === before) return { file, leaked: before };
  }
  throw new Error('every capture raced a leak tick');
}

test('goroutines OLD MIDDLE NEW --json: three snapshots in three forms, the leaking stack first', { skip }, async () => {
  const a = await capture('a.pb.gz');
  await new Promise((r) => setTimeout(r, 1100));
  const b = await capture('b.txt', 1);
  await new Promise((r) => setTimeout(r, 1100));
  const c = await capture('c.txt', 2);
  const r = await gomem(['goroutines', a.file, b.file, c.file, '--json']);
  assert.equal(r.code, 0, r.err);
  const cmp = JSON.parse(r.out) as GoroutineComparison;
  assert.deepEqual(cmp.snapshots.map((s) => s.source), ['proto', 'debug1', 'debug2']);
  assert.equal(cmp.groupedBy, 'stack');
  const top = cmp.rows[0];
  assert.equal(top.frames[0].function, 'main.parkOnTimer');
  assert.deepEqual(top.counts, [a.leaked, b.leaked, c.leaked]);
  assert.equal(top.delta, c.leaked - a.leaked);
  assert.equal(top.creation?.frame.function, 'main.leakOnTimer');
  assert.equal(cmp.totalDelta, cmp.snapshots[2].total - cmp.snapshots[0].total);
});

test('goroutines OLD NEW: a table of the groups that grew, with creation sites', { skip }, async () => {
  const a = await capture('t1.txt', 2);
  await new Promise((r) => setTimeout(r, 1100));
  const b = await capture('t2.txt', 2);
  const r = await gomem(['goroutines', a.file, b.file]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0], /^Goroutines: \d+ \(.*t1\.txt, debug2\) → \d+ \(.*t2\.txt, debug2\); \+\d+ overall$/);
  const first = lines.find((l) => /^\s*\+\d+/.test(l))!;
  assert.match(first, new RegExp(`^\\s*\\+${b.leaked - a.leaked}\\s+${a.leaked} → ${b.leaked}\\s+main\\.parkOnTimer .*timerleak\\.go:37 \\[chan receive\\] · created by main\\.leakOnTimer .*timerleak\\.go:29$`));
});

test('usage and bad files: exit 2 with usage, exit 1 with the file named', async () => {
  const one = await gomem(['goroutines', goldenPath('goroutines/debug1.txt')]);
  assert.equal(one.code, 2);
  assert.match(one.err, /goroutines needs two or more goroutine profiles/);
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, 'goroutine profile: total 3\n3 @ 0x1\n#\t0x1\tmain.f+0x1\t/x.go:1\n\n2 @ 0x2\n');
  const r = await gomem(['goroutines', goldenPath('goroutines/debug1.txt'), bad]);
  assert.equal(r.code, 1);
  assert.equal(r.err.trim(), `gomem: ${bad}: add up to 5 goroutines, the header says 3: the profile is truncated or edited`.replace(': add', ': the groups add'));
});
