import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDebug2Header } from '../../src/core/goroutine/debug2Header';
import { GoroutineFormatError } from '../../src/core/goroutine/errors';
import { stackKey, type GoroutineSnapshot } from '../../src/core/goroutine/model';
import { parseDebug1 } from '../../src/core/goroutine/parseDebug1';
import { parseDebug2 } from '../../src/core/goroutine/parseDebug2';
import { readGoroutineSnapshot } from '../../src/core/goroutine/readSnapshot';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { goldenPath } from '../support/goTools';

/**
 * The three forms of Go's goroutine profile, read from real captures of the
 * pprofserver fixture (test/fixtures/golden/goroutines, Go 1.26), checked
 * against what the text itself says (header totals, one header per
 * goroutine) and against each other: captured milliseconds apart, the
 * fixture's goroutines form the same groups in every form.
 */
const golden = (name: string) => goldenPath(`goroutines/${name}`);
const text = (name: string) => readFileSync(golden(name), 'utf8');
const read = (name: string): GoroutineSnapshot => readGoroutineSnapshot(readFileSync(golden(name)), name, { gunzip: zlibGunzip });
const countOf = (s: GoroutineSnapshot, fn: string) => s.groups.filter((g) => g.frames[0]?.function === fn).reduce((n, g) => n + g.count, 0);

test('debug=1: total from the header, one group per "N @" line, frames from the # lines', () => {
  const t = text('debug1.txt');
  const s = read('debug1.txt');
  assert.equal(s.source, 'debug1');
  assert.equal(s.profile, 'goroutine');
  assert.equal(s.total, Number(/^goroutine profile: total (\d+)$/m.exec(t)![1]));
  assert.equal(s.groups.length, t.match(/^\d+ @/gm)!.length);
  assert.equal(s.groups.reduce((n, g) => n + g.frames.length, 0), t.match(/^#\t/gm)!.length);
  const park = s.groups.find((g) => g.frames[0]?.function === 'main.parkOnTimer')!;
  assert.deepEqual(park.frames, [{ function: 'main.parkOnTimer', file: park.frames[0].file, line: 37 }]);
  assert.match(park.frames[0].file, /test\/fixtures\/pprofserver\/timerleak\.go$/);
  assert.equal(park.creation?.kind, 'entry');
  // Go's tabwriter pads with several tabs; the frame is still read whole.
  const poll = s.groups.find((g) => g.frames[0]?.function === 'internal/poll.runtime_pollWait')!;
  assert.equal(poll.frames[poll.frames.length - 1].function, 'net/http.Serve');
});

test('debug=2: one goroutine per header, states and "created by" read', () => {
  const t = text('debug2.txt');
  const s = read('debug2.txt');
  assert.equal(s.source, 'debug2');
  assert.equal(s.total, t.match(/^goroutine \d+ \[/gm)!.length);
  const states = new Map<string, number>();
  for (const m of t.matchAll(/^goroutine \d+ \[([^\],]+)/gm)) states.set(m[1], (states.get(m[1]) ?? 0) + 1);
  for (const [state, n] of states) assert.equal(s.groups.filter((g) => g.state === state).reduce((k, g) => k + g.count, 0), n, state);
  const park = s.groups.find((g) => g.frames[0]?.function === 'main.parkOnTimer')!;
  assert.equal(park.count, t.match(/^main\.parkOnTimer\(/gm)!.length);
  assert.equal(park.creation?.kind, 'created-by');
  assert.equal(park.creation?.frame.function, 'main.leakOnTimer');
  assert.equal(park.creation?.frame.line, 29);
  // Inlined frames print `(...)` and no +0x offset: still frames.
  const main = s.groups.find((g) => g.state === 'syscall')!;
  assert.ok(main.frames.some((f) => f.function === 'syscall.Read'));
});

test('the same moment in three forms: the fixture\'s goroutines form the same groups', () => {
  const d1 = read('debug1.txt');
  const d2 = read('debug2.txt');
  const pb = read('goroutine.pb.gz');
  assert.equal(pb.source, 'proto');
  for (const fn of ['main.parkOnTimer', 'main.leakGoroutine', 'main.blockReceive', 'main.leakEvery']) {
    assert.equal(countOf(pb, fn), countOf(d1, fn), `${fn}: proto vs debug=1`);
    assert.equal(countOf(d2, fn), countOf(d1, fn), `${fn}: debug=2 vs debug=1`);
  }
  // Runtime frames at the leaf (gopark, chanrecv) are hidden in the proto as in the text forms.
  const key = (s: GoroutineSnapshot) => stackKey(s.groups.find((g) => g.frames[0]?.function === 'main.parkOnTimer')!.frames);
  assert.equal(key(pb), key(d1));
  assert.equal(key(d2), key(d1));
});

test('goroutineleak: debug=1 names the profile; debug=2 marks leaked goroutines in their state', () => {
  const d1 = read('goroutineleak-debug1.txt');
  assert.equal(d1.profile, 'goroutineleak');
  assert.deepEqual(d1.groups.map((g) => g.frames[0].function), ['main.parkOnTimer']);
  const d2 = read('goroutineleak-debug2.txt');
  const leaked = d2.groups.filter((g) => g.state === 'chan receive (leaked)');
  assert.equal(leaked.reduce((n, g) => n + g.count, 0), text('goroutineleak-debug2.txt').match(/ \[chan receive \(leaked\)\]:$/gm)!.length);
  assert.deepEqual([...new Set(leaked.map((g) => g.frames[0].function))], ['main.parkOnTimer']);
});

test('a dump pasted with blank lines before it is still recognised', () => {
  for (const name of ['debug1.txt', 'debug2.txt']) {
    const s = readGoroutineSnapshot(new TextEncoder().encode(`\n\n${text(name)}`), name);
    assert.equal(s.total, read(name).total, name);
  }
});

test('debug=2 headers: every note goroutineheader can print', () => {
  assert.deepEqual(parseDebug2Header('goroutine 7 [chan receive, 12 minutes, locked to thread]:'), { id: 7, state: 'chan receive', minutes: 12, lockedToThread: true });
  assert.deepEqual(parseDebug2Header('goroutine 1 gp=0xc000002380 m=nil [select (no cases)]:'), { id: 1, state: 'select (no cases)', minutes: 0, lockedToThread: false });
  assert.deepEqual(parseDebug2Header('goroutine 9 [sync.WaitGroup.Wait, 3 minutes, synctest bubble 2 labels:{"a": "b, c"}]:'), { id: 9, state: 'sync.WaitGroup.Wait', minutes: 3, lockedToThread: false });
  assert.equal(parseDebug2Header('goroutine x [running]:'), undefined);
});

// --- hostile and truncated input -------------------------------------------------

function rejectsFormat(f: () => unknown, re: RegExp): void {
  assert.throws(f, (err: unknown) => err instanceof GoroutineFormatError && re.test(err.message));
}

test('truncated debug=1: cut anywhere, it is an error, never a shorter profile', () => {
  const t = text('debug1.txt');
  for (const cut of [40, Math.floor(t.length / 3), t.lastIndexOf('\n#')]) {
    rejectsFormat(() => parseDebug1(t.slice(0, cut), 'd1'), /truncated|expected/);
  }
  // Cut at a line end: the header's total gives it away.
  const atLine = t.slice(0, t.indexOf('\n\n', t.length / 2) + 2);
  rejectsFormat(() => parseDebug1(atLine, 'd1'), /add up to \d+ goroutines, the header says \d+/);
});

test('truncated debug=2: a frame without its location names the line', () => {
  const t = text('debug2.txt');
  const cut = t.slice(0, t.indexOf('\n', t.indexOf('main.parkOnTimer(')) + 1);
  const lineNo = cut.split('\n').length;
  rejectsFormat(() => parseDebug2(cut, 'd2'), new RegExp(`truncated \\(line ${lineNo}\\)`));
  rejectsFormat(() => parseDebug2(t.slice(0, t.length - 5), 'd2'), /last line is incomplete/);
});

test('garbage, binary and wrong formats: typed errors', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  rejectsFormat(() => readGoroutineSnapshot(new Uint8Array(0), 'empty'), /empty file/);
  rejectsFormat(() => readGoroutineSnapshot(bytes('hello\n'), 'x'), /not a goroutine profile/);
  rejectsFormat(() => readGoroutineSnapshot(bytes('heap profile: 1: 2 [3: 4] @ heap/1\n'), 'x'), /not a goroutine profile/);
  rejectsFormat(() => readGoroutineSnapshot(new Uint8Array([0x67, 0x6f, 0x72, 0x6f, 0x75, 0x74, 0x69, 0x6e, 0x65, 0x20, 0x31, 0x20, 0xff, 0xfe, 0x0a]), 'x'), /not UTF-8/);
  rejectsFormat(() => parseDebug1('goroutine profile: total 1\n1 @ 0x1\n#\tnot a pc\n', 'x'), /expected a frame.*line 3/);
  rejectsFormat(() => parseDebug2('goroutine 1 [running]:\nmain.main\n\t/x.go:1\n', 'x'), /expected a frame "function\(args\)"/);
  rejectsFormat(() => parseDebug2('\n\n', 'x'), /no goroutines/);
  // A heap profile in proto form is not a goroutine profile.
  assert.throws(() => readGoroutineSnapshot(readFileSync(goldenPath('allocs.pb.gz')), 'allocs.pb.gz', { gunzip: zlibGunzip }), /not a goroutine profile \(sample types: alloc_objects/);
});

test('huge hostile lines are read in linear time (no backtracking blow-up)', () => {
  const huge = 'goroutine 1 [running]:\n' + 'f' + '('.repeat(2_000_000) + '\n\t/x.go:1\n';
  rejectsFormat(() => parseDebug2(huge, 'x'), /expected a frame/);
  const longState = `goroutine 1 [${'a, '.repeat(1_000_000)}]:\nmain.f()\n\t/x.go:1 +0x1\n`;
  assert.equal(parseDebug2(longState, 'x').total, 1);
  const pcs = `goroutine profile: total 1\n1 @${' 0x1'.repeat(1_000_000)}\n#\t0x1\tmain.f+0x1\t/x.go:1\n\n`;
  assert.equal(parseDebug1(pcs, 'x').groups[0].count, 1);
});

test('every mutation of a real dump parses or fails with a typed error', () => {
  const t = text('debug2.txt');
  let seed = 42;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let i = 0; i < 300; i++) {
    const at = rand(t.length);
    const mutated = i % 3 === 0 ? t.slice(0, at) + t.slice(at + rand(50)) : i % 3 === 1 ? t.slice(0, at) + String.fromCharCode(rand(128)) + t.slice(at + 1) : t.slice(0, at) + '\n' + t.slice(at);
    try {
      readGoroutineSnapshot(new TextEncoder().encode(mutated), 'mutated');
    } catch (err) {
      assert.ok(err instanceof GoroutineFormatError, `mutation ${i}: ${(err as Error).stack}`);
    }
  }
});
