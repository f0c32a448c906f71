import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, FailureTracker } from '../../src/core/monitor/backoff';
import { derivePoint } from '../../src/core/monitor/derive';
import { PAUSE_RING, type MemStats } from '../../src/core/monitor/memStats';
import type { MonitorSample } from '../../src/core/monitor/sample';
import { MonitorSeries } from '../../src/core/monitor/series';
import { statusSpec } from '../../src/core/monitor/statusText';
import { ThresholdWatch } from '../../src/core/monitor/thresholds';

/** The pure monitor model: derived numbers, hysteresis, backoff. (The parsers and poller are tested on real programs.) */
const MB = 1 << 20;

function stats(over: Partial<MemStats> & { pauses?: Record<number, number> }): MemStats {
  const pauseNs = new Array<number>(PAUSE_RING).fill(0);
  for (const [n, v] of Object.entries(over.pauses ?? {})) pauseNs[(Number(n) - 1) % PAUSE_RING] = v;
  return { heapAlloc: 0, heapInuse: 0, heapSys: 0, heapObjects: 0, totalAlloc: 0, sys: 0, mallocs: 0, frees: 0, nextGC: 0, lastGCMs: 0, numGC: 0, numForcedGC: 0, gcCPUFraction: 0, ...over, pauseNs };
}

const sample = (atMs: number, s: Partial<MemStats> & { pauses?: Record<number, number> }, goroutines?: number): MonitorSample => ({ atMs, stats: stats(s), goroutines, source: 'heap' });

test('allocation rate is the TotalAlloc delta over elapsed time; pauses come from the ring', () => {
  const a = sample(1000, { totalAlloc: 10 * MB, numGC: 3, pauses: { 3: 500 } });
  const b = sample(3000, { totalAlloc: 30 * MB, numGC: 6, pauses: { 3: 500, 4: 2_000_000, 5: 700, 6: 900 } });
  assert.equal(derivePoint(a, undefined).allocRate, undefined);
  const p = derivePoint(b, a);
  assert.equal(p.allocRate, 10 * MB);
  assert.equal(p.gcSince, 3);
  assert.equal(p.latestPauseNs, 900);
  assert.equal(p.worstPauseNs, 2_000_000, 'the worst of GCs 4..6, not only the latest');
  // A restarted target (counters went back) starts afresh instead of a negative rate.
  const r = derivePoint(sample(4000, { totalAlloc: 1 * MB, numGC: 1, pauses: { 1: 5 } }), b);
  assert.equal(r.allocRate, undefined);
  assert.equal(r.worstPauseNs, 0);
});

test('the ring wraps: GC 257 is at index 0, and pauses older than 256 GCs are gone', () => {
  const a = sample(0, { numGC: 200 });
  const b = sample(1000, { numGC: 600, pauses: { 599: 77, 600: 88 } });
  const p = derivePoint(b, a);
  assert.equal(p.latestPauseNs, 88);
  assert.equal(p.worstPauseNs, 88);
});

test('a threshold fires once per breach and re-arms only after the value falls back', () => {
  const series = new MonitorSeries();
  const watch = new ThresholdWatch({ heapGrowthPercent: 50, windowSeconds: 60, gcPauseMs: 0, goroutines: 100 });
  const step = (t: number, heap: number, g: number) => watch.evaluate(series.add(sample(t * 1000, { heapInuse: heap * MB }, g)), series).map((b) => b.kind);
  assert.deepEqual(step(0, 10, 10), []);
  assert.deepEqual(step(1, 20, 10), ['heapGrowth']);
  assert.deepEqual(step(2, 21, 10), [], 'still high: no repeat');
  assert.deepEqual(watch.active.map((b) => b.kind), ['heapGrowth']);
  assert.deepEqual(step(3, 5, 100), ['goroutines']);
  assert.deepEqual(watch.active.map((b) => b.kind), ['goroutines'], 'heap growth re-armed after the drop');
  assert.deepEqual(step(4, 16, 95), ['heapGrowth'], 'a second growth is a second breach; 95 goroutines is not below 80');
  assert.deepEqual(step(5, 16, 79), []);
  assert.deepEqual(step(6, 16, 101), ['goroutines']);
  // Growth is from the window's lowest point, against at least 8 MiB (5 MB counts as 8).
  assert.equal(series.heapGrowthPercent(60_000), 100);
  assert.equal(series.heapGrowthPercent(1_000), 0);
});

test('new limits apply to the next poll; a changed limit re-arms its warning, an unchanged one stays quiet', () => {
  const series = new MonitorSeries();
  const watch = new ThresholdWatch({ heapGrowthPercent: 50, windowSeconds: 60, gcPauseMs: 0, goroutines: 100 });
  const step = (t: number, heap: number, g: number) => watch.evaluate(series.add(sample(t * 1000, { heapInuse: heap * MB }, g)), series).map((b) => b.kind);
  assert.deepEqual(step(0, 10, 150), ['goroutines']);
  assert.deepEqual(step(1, 20, 150), ['heapGrowth']);
  assert.deepEqual(step(2, 20, 150), [], 'both fired: quiet');
  watch.setLimits({ heapGrowthPercent: 50, windowSeconds: 60, gcPauseMs: 0, goroutines: 120 });
  assert.deepEqual(step(3, 20, 150), ['goroutines'], 'the goroutine limit changed: a new warning against it');
  assert.deepEqual(watch.thresholds.goroutines, 120);
  watch.setLimits({ heapGrowthPercent: 0, windowSeconds: 60, gcPauseMs: 0, goroutines: 200 });
  assert.deepEqual(step(4, 40, 150), [], 'heap growth off, 150 under the new 200');
  assert.deepEqual(watch.active.map((b) => b.kind), [], 'both re-armed by their changed limits');
  const policy = new FailureTracker({ intervalMs: 1000, maxDelayMs: 8000, goneAfterRefusals: 3 });
  policy.setInterval(250);
  assert.deepEqual(policy.failed(false, 'timeout'), { action: 'retry', delayMs: 500 }, 'backoff from the new interval');
});

test('backoff doubles per failure up to the cap; refusals in a row stop it', () => {
  const p = { intervalMs: 1000, maxDelayMs: 8000, goneAfterRefusals: 3 };
  assert.deepEqual([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(p, n)), [1000, 2000, 4000, 8000, 8000, 8000]);
  const t = new FailureTracker(p);
  assert.deepEqual(t.failed(true, 'x'), { action: 'retry', delayMs: 2000 });
  assert.deepEqual(t.failed(false, 'timeout'), { action: 'retry', delayMs: 4000 });
  assert.deepEqual(t.failed(true, 'x'), { action: 'retry', delayMs: 8000 }, 'a timeout in between resets the refusal count');
  assert.equal(t.failed(true, 'x').action, 'retry');
  const v = t.failed(true, 'ECONNREFUSED');
  assert.equal(v.action, 'stop');
  assert.match((v as { reason: string }).reason, /refused 3 times in a row/);
  t.succeeded();
  assert.deepEqual(t.failed(true, 'x'), { action: 'retry', delayMs: 2000 });
});

test('the status-bar spec says heap, rate, GCs and pause, and turns to warning while a breach is active', () => {
  const series = new MonitorSeries();
  series.add(sample(0, { heapInuse: 100 * MB, totalAlloc: 0, numGC: 40 }));
  const p = series.add(sample(2000, { heapInuse: 123 * MB, nextGC: 200 * MB, totalAlloc: 9 * MB, numGC: 42, pauses: { 41: 1_200_000, 42: 300_000 } }, 12));
  const quiet = statusSpec('http://x/debug/pprof/', p, series.worstPauseNs(60_000), [], 60);
  assert.equal(quiet.text, '$(pulse) heap 123 MB · +4.5 MB/s · GC 42 · 1.2 ms · 12 goroutines');
  assert.equal(quiet.warning, false);
  assert.match(quiet.tooltip, /goal 200 MB/);
  const loud = statusSpec('t', p, 0, [{ kind: 'gcPause', atMs: 0, value: 1.2, limit: 1, message: 'a GC pause took 1.20 ms (limit 1 ms)' }], 60);
  assert.equal(loud.warning, true);
  assert.match(loud.tooltip, /⚠ a GC pause took/);
  const two = statusSpec('t', p, 0, [
    { kind: 'heapGrowth', atMs: 0, value: 80, limit: 50, message: 'heap in use grew 80% within 60 s (limit 50%)' },
    { kind: 'goroutines', atMs: 0, value: 12, limit: 5, message: '12 goroutines (limit 5)' },
  ], 60);
  assert.match(two.tooltip, /⚠ heap in use grew 80%.*\n⚠ 12 goroutines \(limit 5\)/, 'every warning in force, one line each');
  const retrying = statusSpec('t', p, 0, [], 60, 'no complete answer within 10 s');
  assert.match(retrying.text, / \$\(sync~spin\)$/);
  assert.match(retrying.tooltip, /last poll failed, retrying: no complete answer within 10 s/);
});
