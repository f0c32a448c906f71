import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MonitorError } from '../../src/core/monitor/errors';
import { parseExpvar } from '../../src/core/monitor/expvar';
import { parseGoroutineTotal } from '../../src/core/monitor/goroutineCount';
import { PAUSE_RING, pauseOf } from '../../src/core/monitor/memStats';
import { parseMemStatsTrailer, TrailerScanner } from '../../src/core/monitor/memStatsTrailer';
import { getText, startPprofServer, type PprofServer } from '../support/fixtureServer';
import { skipUnlessGo } from '../support/goTools';
import { startExpvarServer, type ExpvarServer } from '../support/monitorFixture';

/**
 * The monitor's parsers on answers from real Go programs: the expvarserver
 * fixture freezes its GC numbers (5 forced GCs, automatic GC off), so
 * /debug/vars (encoding/json) and heap?debug=1 (fmt %d) — two encodings the
 * runtime writes independently — must agree on them exactly.
 */
const skip = skipUnlessGo();
let ev: ExpvarServer;
let pp: PprofServer;

before(async () => {
  if (skip) return;
  [ev, pp] = await Promise.all([startExpvarServer(), startPprofServer()]);
});
after(() => {
  ev?.stop();
  pp?.stop();
});

function trailerOf(body: string, chunk: number): string[] {
  const s = new TrailerScanner();
  for (let i = 0; i < body.length; i += chunk) s.push(body.slice(i, i + chunk));
  return s.end();
}

test('expvar and the heap?debug=1 trailer of one program agree on its frozen GC numbers', { skip }, async () => {
  const vars = parseExpvar(await getText(`${ev.baseUrl}/debug/vars`), 'vars');
  const heap = parseMemStatsTrailer(trailerOf(await getText(`${ev.pprofUrl}heap?debug=1`), 4096), 'heap');
  assert.ok(vars.cmdline[0].endsWith('expvarserver'), vars.cmdline.join(' '));
  assert.equal(vars.memStats.numForcedGC, 5);
  assert.equal(heap.numForcedGC, 5);
  assert.equal(heap.numGC, vars.memStats.numGC);
  assert.deepEqual(heap.pauseNs, vars.memStats.pauseNs);
  // NextGC is not frozen: with GC off it is near 2^63 and moves with the heap.
  assert.ok(heap.nextGC > 2 ** 60 && vars.memStats.nextGC > 2 ** 60);
  assert.ok(Math.abs(heap.lastGCMs - vars.memStats.lastGCMs) <= 1, `${heap.lastGCMs} vs ${vars.memStats.lastGCMs}`);
  assert.ok(Math.abs(heap.lastGCMs - Date.now()) < 60_000, 'LastGC is a recent wall-clock time');
  const latest = pauseOf(heap, heap.numGC)!;
  assert.ok(latest > 0 && latest < 1e9, `latest pause ${latest} ns`);
  // Allocation only grows between the two reads; the heap is live bytes, not zero.
  assert.ok(heap.totalAlloc >= vars.memStats.totalAlloc);
  assert.ok(heap.heapInuse > 0 && heap.heapAlloc > 0 && heap.heapObjects > 0);
});

test('the trailer is found whatever the chunking, and the profile before it is not kept', { skip }, async () => {
  const body = await getText(`${pp.pprofUrl}heap?debug=1`);
  const whole = trailerOf(body, body.length);
  assert.ok(body.length > 50_000, `the fixture's heap?debug=1 is large (${body.length} bytes)`);
  assert.deepEqual(trailerOf(body, 7), whole);
  assert.ok(whole.length >= 25 && whole.length <= 40, `${whole.length} trailer lines`);
  assert.ok(whole.every((l) => l.startsWith('# ')));
  const stats = parseMemStatsTrailer(whole, 'heap');
  // The fixture retains 8 MiB at start (retainAtStart).
  assert.ok(stats.heapInuse >= 8 << 20, `HeapInuse ${stats.heapInuse}`);
  assert.equal(stats.pauseNs.length, PAUSE_RING);
});

test('the goroutine count is the first line of goroutine?debug=1', { skip }, async () => {
  const text = await getText(`${pp.pprofUrl}goroutine?debug=1`);
  const n = parseGoroutineTotal(text.split('\n')[0], 'goroutine');
  // 40 leaked at start (leakedAtStart) plus main, the servers, block and contend loops.
  assert.ok(n >= 40 && n < 80, `${n} goroutines`);
  assert.throws(() => parseGoroutineTotal('<html>', 'x'), (e: unknown) => e instanceof MonitorError && e.code === 'bad-goroutines');
});

test('truncated and hostile answers are typed errors that say what is wrong', { skip }, async () => {
  const body = await getText(`${pp.pprofUrl}heap?debug=1`);
  const cut = body.slice(0, body.indexOf('# runtime.MemStats'));
  assert.throws(() => parseMemStatsTrailer(trailerOf(cut, 1000), 'cut'), (e: unknown) => e instanceof MonitorError && e.code === 'no-memstats' && /cut has no/.test(e.message));
  const noPauses = body.slice(0, body.indexOf('# PauseNs'));
  assert.throws(() => parseMemStatsTrailer(trailerOf(noPauses, 1000), 'half'), (e: unknown) => e instanceof MonitorError && e.code === 'bad-memstats' && /NumGC|PauseNs/.test(e.message));
  const midRing = body.slice(0, body.indexOf('# PauseNs') + 40);
  assert.throws(() => parseMemStatsTrailer(trailerOf(midRing, 1000), 'mid'), (e: unknown) => e instanceof MonitorError && e.code === 'bad-memstats');
  const bogus = body.replace(/# HeapInuse = \d+/, '# HeapInuse = -1');
  assert.throws(() => parseMemStatsTrailer(trailerOf(bogus, 1000), 'bogus'), /HeapInuse is "-1"/);
  // 20 MB without a newline, then the real trailer: the junk is dropped as it streams, the trailer still read.
  const hostile = new TrailerScanner();
  const junk = 'x'.repeat(1 << 20);
  for (let i = 0; i < 20; i++) hostile.push(junk);
  hostile.push(body.slice(body.indexOf('\n# runtime.MemStats')));
  assert.equal(parseMemStatsTrailer(hostile.end(), 'junk').heapInuse, parseMemStatsTrailer(trailerOf(body, 4096), 'b').heapInuse);
  // Endless "# " lines after the marker are not all kept.
  const flood = new TrailerScanner();
  flood.push('# runtime.MemStats\n');
  for (let i = 0; i < 10_000; i++) flood.push(`# Line${i} = ${i}\n`);
  assert.equal(flood.end().length, 256);
  const vars = await getText(`${ev.baseUrl}/debug/vars`);
  assert.throws(() => parseExpvar(vars.slice(0, vars.length / 2), 'v'), (e: unknown) => e instanceof MonitorError && e.code === 'bad-expvar');
  assert.throws(() => parseExpvar('{"cmdline":[]}', 'v'), /no "memstats"/);
  assert.throws(() => parseExpvar(vars.replace('"PauseNs":[', '"PauseNs":[1,'), 'v'), /256 numbers/);
});
