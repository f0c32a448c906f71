import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CaptureError } from '../../src/core/capture/errors';
import { compareSnapshots, type GoroutineComparison } from '../../src/core/goroutine/compare';
import type { GoroutineSnapshot } from '../../src/core/goroutine/model';
import { captureProfile } from '../../src/node/capture/captureProfile';
import { loadGoroutineFile } from '../../src/node/goroutineFile';
import { captureTempDir, getText, startPprofServer, type PprofServer } from '../support/fixtureServer';
import { fixtureDir, pprofRaw, skipUnlessGo } from '../support/goTools';

/**
 * Goroutine growth on the real pprofserver fixture: with `-leak-every
 * 200ms` it leaks one goroutine per tick in parkOnTimer (started by
 * leakOnTimer) and reports how many so far (/leaked). Two captures of each
 * form (proto through the capture engine, debug=1 and debug=2 over HTTP) a
 * few seconds apart must put that stack first, with exactly the growth the
 * fixture reports.
 */
const skip = skipUnlessGo();
const dir = captureTempDir('gomem-goroutines-');
const FORMS = ['proto', 'debug1', 'debug2'] as const;
type Form = (typeof FORMS)[number];
const SOURCE = join(fixtureDir('pprofserver'), 'timerleak.go');
let server: PprofServer;
const taken: Record<Form, Array<{ file: string; leaked: number }>> = { proto: [], debug1: [], debug2: [] };

/** The line of `text` in the fixture's timerleak.go: what the runtime must report. */
function sourceLine(text: string): number {
  return readFileSync(SOURCE, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

async function fetchForm(form: Form, n: number): Promise<string> {
  if (form === 'proto') return (await captureProfile(server.pprofUrl, { kind: 'goroutine' }, { outDir: dir })).file;
  const file = join(dir, `goroutine-${form}-${n}.txt`);
  writeFileSync(file, await getText(`${server.pprofUrl}goroutine?debug=${form === 'debug1' ? 1 : 2}`));
  return file;
}

/** A capture during which no tick leaked a goroutine: /leaked read before and after agree, so it is the exact count. */
async function stableCapture(form: Form, n: number): Promise<{ file: string; leaked: number }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = await server.leaked();
    const file = await fetchForm(form, n);
    if ((await server.leaked()) === before) return { file, leaked: before };
  }
  throw new Error('every capture raced a leak tick');
}

before(async () => {
  if (skip) return;
  server = await startPprofServer({ leakEvery: '200ms' });
  // A few leaks before the first capture, so the group grows rather than appears.
  while ((await server.leaked()) < 3) await new Promise((r) => setTimeout(r, 100));
  for (const form of FORMS) taken[form].push(await stableCapture(form, 1));
  await new Promise((r) => setTimeout(r, 2500));
  for (const form of FORMS) taken[form].push(await stableCapture(form, 2));
});
after(() => server?.stop());

async function compare(files: string[]): Promise<GoroutineComparison> {
  const snaps: Array<{ name: string; snapshot: GoroutineSnapshot }> = [];
  for (const f of files) snaps.push({ name: f, snapshot: await loadGoroutineFile(f) });
  return compareSnapshots(snaps);
}

for (const form of FORMS) {
  test(`${form}: the timer-leaking stack is first, with the growth the fixture reports`, { skip }, async () => {
    const [a, b] = taken[form];
    assert.ok(b.leaked - a.leaked >= 5, `the fixture leaked ${b.leaked - a.leaked} goroutines in 2.5 s`);
    const c = await compare([a.file, b.file]);
    const top = c.rows[0];
    assert.equal(top.frames[0].function, 'main.parkOnTimer');
    assert.equal(top.frames[0].file, SOURCE);
    assert.equal(top.frames[0].line, sourceLine('<-never'));
    assert.deepEqual(top.counts, [a.leaked, b.leaked], 'one goroutine per leak so far, in each snapshot');
    assert.equal(top.delta, b.leaked - a.leaked);
    assert.equal(top.status, 'grew');
    assert.ok(c.rows.slice(1).every((r) => r.delta < top.delta), 'no other group grew as much');
    if (form === 'debug2') {
      assert.equal(c.groupedBy, 'stack+state');
      assert.equal(top.state, 'chan receive');
      assert.equal(top.wait, '< 1 min');
      assert.deepEqual(top.creation, { kind: 'created-by', frame: { function: 'main.leakOnTimer', file: SOURCE, line: sourceLine('go parkOnTimer(') } });
    } else {
      assert.equal(c.groupedBy, 'stack');
      // proto and debug=1 stacks stop at the goroutine's entry function: that is the best creation site they hold.
      assert.deepEqual(top.creation, { kind: 'entry', frame: top.frames[top.frames.length - 1] });
    }
    // The fixture's 40 goroutines parked at start in leakGoroutine did not move.
    const parked = c.rows.find((r) => r.frames[0]?.function === 'main.leakGoroutine');
    assert.deepEqual(parked?.counts, [40, 40]);
  });
}

test('proto: gomem counts the leaking stack as go tool pprof -raw does', { skip }, async () => {
  const file = taken.proto[1].file;
  const raw = await pprofRaw(file);
  const parkLocations = new Set([...raw.locations.values()].filter((l) => l.lines.some((ln) => ln.function === 'main.parkOnTimer')).map((l) => l.id));
  const oracle = raw.samples.filter((s) => s.locationIds.some((id) => parkLocations.has(id))).reduce((n, s) => n + s.values[0], 0);
  const snap = await loadGoroutineFile(file);
  assert.equal(snap.groups.find((g) => g.frames[0]?.function === 'main.parkOnTimer')?.count, oracle);
  assert.equal(snap.total, raw.samples.reduce((n, s) => n + s.values[0], 0));
});

test('mixed forms compare by stack: proto then debug=2', { skip }, async () => {
  const a = taken.proto[0];
  const b = taken.debug2[1];
  const c = await compare([a.file, b.file]);
  assert.equal(c.groupedBy, 'stack');
  assert.equal(c.rows[0].frames[0].function, 'main.parkOnTimer');
  assert.deepEqual(c.rows[0].counts, [a.leaked, b.leaked]);
  assert.equal(c.rows[0].creation?.kind, 'created-by', 'debug=2 knows the go statement, so the comparison uses it');
});

test('goroutineleak: Go 1.26 with GOEXPERIMENT=goroutineleakprofile proves the timer-leaked goroutines leaked', { skip }, async () => {
  const leaky = await startPprofServer({ leakEvery: '100ms', leakProfile: true });
  try {
    await new Promise((r) => setTimeout(r, 600));
    let result: { file: string; leaked: number } | undefined;
    for (let attempt = 0; attempt < 10 && !result; attempt++) {
      const before = await leaky.leaked();
      const { file } = await captureProfile(leaky.pprofUrl, { kind: 'goroutineleak' }, { outDir: dir });
      if ((await leaky.leaked()) === before) result = { file, leaked: before };
    }
    assert.ok(result, 'every capture raced a leak tick');
    const snap = await loadGoroutineFile(result.file);
    assert.equal(snap.profile, 'goroutineleak');
    // Only parkOnTimer's goroutines are unreachable; leakGoroutine's wait on a global channel, so they are not "leaked".
    assert.deepEqual(snap.groups.map((g) => [g.frames[0]?.function, g.count]), [['main.parkOnTimer', result.leaked]]);
  } finally {
    leaky.stop();
  }
});

test('goroutineleak from a program that does not serve it: a CaptureError that says what it needs', { skip }, async () => {
  await assert.rejects(captureProfile(server.pprofUrl, { kind: 'goroutineleak' }, { outDir: dir }), (err: unknown) => {
    assert.ok(err instanceof CaptureError);
    assert.equal(err.code, 'http-status');
    assert.match(err.message, /does not serve the goroutineleak profile.*GOEXPERIMENT=goroutineleakprofile/);
    return true;
  });
});
