import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Breach } from '../../src/core/monitor/thresholds';
import { endpointFromUrl } from '../../src/node/capture';
import { MemoryMonitor, type SpikeSnapshot } from '../../src/node/monitor';
import { until } from '../integration/suite/until';
import { captureTempDir, functionValue, startHttpServer, startPprofServer, type PprofServer } from '../support/fixtureServer';
import { skipUnlessGo } from '../support/goTools';
import { startExpvarServer, startSilentServer } from '../support/monitorFixture';

/**
 * The poller against real programs: the pprofserver fixture driven to grow
 * its heap (/grow?mb=N, /release) and then killed; the expvarserver fixture;
 * and a server that accepts connections and never answers.
 */
const skip = skipUnlessGo();
const MiB = 1 << 20;
let server: PprofServer;

before(async () => {
  if (!skip) server = await startPprofServer();
});
after(() => server?.stop());

test('a heap spike warns once per breach, snapshots decode, and polling stops when the program dies', { skip }, async () => {
  const outDir = captureTempDir('gomem-spikes-');
  const fired: Array<{ breaches: Breach[]; snapshot?: SpikeSnapshot }> = [];
  const stops: Array<[string, boolean]> = [];
  const m = new MemoryMonitor(
    endpointFromUrl(server.pprofUrl),
    { intervalMs: 250, thresholds: { heapGrowthPercent: 100, windowSeconds: 120, gcPauseMs: 0, goroutines: 0 }, snapshotDir: outDir },
    { onBreach: (breaches, snapshot) => fired.push({ breaches, snapshot }), onStop: (r, gone) => stops.push([r, gone]) },
  );
  const ended = m.start();
  const points = () => m.series.points.length;
  const morePoints = async (n: number) => {
    const want = points() + n;
    await until(`${n} more polls`, () => points() >= want, 30_000);
  };
  await morePoints(2);
  assert.equal(m.statsSource, 'heap', 'the fixture serves no expvar: the heap?debug=1 trailer');
  assert.equal(fired.length, 0, 'no warning at rest');

  await server.control('/grow?mb=32');
  await until('the first warning', () => fired.length >= 1, 30_000);
  await morePoints(4);
  assert.equal(fired.length, 1, 'staying high does not warn again');
  assert.deepEqual(fired[0].breaches.map((b) => b.kind), ['heapGrowth']);
  assert.ok(m.series.latest!.heapInuse >= 32 * MiB, `heap in use ${m.series.latest!.heapInuse}`);

  await server.control('/release');
  await until('the heap to drop', () => m.series.latest!.heapInuse < 16 * MiB, 30_000);
  await morePoints(2);
  assert.equal(fired.length, 1);
  await server.control('/grow?mb=32');
  await until('the second warning', () => fired.length >= 2, 30_000);
  await morePoints(2);
  assert.equal(fired.length, 2, 'one warning per breach');

  for (const { snapshot } of fired) {
    assert.ok(snapshot, 'snapshots are on');
    assert.deepEqual(snapshot.errors, []);
    const [heap, goroutine] = snapshot.files;
    assert.match(heap, /heap-spike\d-127\.0\.0\.1_\d+-\d{8}-\d{6}\.pb\.gz$/);
    assert.ok(existsSync(heap) && existsSync(goroutine));
    // Decoded by gomem's own decoder: the spike is in the heap profile, the fixture's goroutines in the other.
    assert.ok(functionValue(heap, 'main.growHeap', 'inuse_space').flat >= 32 * MiB);
    assert.equal(functionValue(goroutine, 'main.leakGoroutine', 'goroutine').cum, 40);
  }

  server.stop();
  const reason = await ended;
  assert.match(reason, /gone: connection refused 3 times in a row/);
  assert.deepEqual(stops, [[reason, true]]);
  assert.equal(m.running, false);
  const seen = points();
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(points(), seen, 'no polling after the stop');
});

test('goroutine and GC-pause thresholds on the real fixture: leaked goroutines and forced GCs', { skip }, async () => {
  const own = await startPprofServer();
  const kinds: string[] = [];
  // Any real pause is over 1 µs; the fixture starts with ~49 goroutines.
  const m = new MemoryMonitor(endpointFromUrl(own.pprofUrl), { intervalMs: 200, thresholds: { heapGrowthPercent: 0, windowSeconds: 60, gcPauseMs: 0.001, goroutines: 80 } }, {
    onBreach: (b) => kinds.push(...b.map((x) => x.kind)),
  });
  void m.start();
  try {
    await until('two polls', () => m.series.points.length >= 2, 30_000);
    kinds.length = 0; // a GC that ran at start may count once
    const quiet = m.series.points.length;
    await until('quiet polls', () => m.series.points.length >= quiet + 2, 30_000);
    await own.control('/release'); // runs runtime.GC(): one pause
    await until('the pause warning', () => kinds.includes('gcPause'), 30_000);
    await own.control('/leak?n=40');
    await until('the goroutine warning', () => kinds.includes('goroutines'), 30_000);
    assert.ok(m.series.latest!.goroutines! >= 89, `${m.series.latest!.goroutines} goroutines`);
    await own.control('/release');
    await until('a second pause warning (re-armed by polls without GC)', () => kinds.filter((k) => k === 'gcPause').length === 2, 30_000);
    const n = m.series.points.length;
    await until('more polls', () => m.series.points.length >= n + 3, 30_000);
    assert.equal(kinds.filter((k) => k === 'goroutines').length, 1, 'the leak stays: one goroutine warning');
  } finally {
    m.stop();
    own.stop();
  }
});

test('update() while polling: the new interval paces the next polls and a lowered limit warns at once', { skip }, async () => {
  const own = await startPprofServer();
  const kinds: string[] = [];
  const times: number[] = [];
  const m = new MemoryMonitor(endpointFromUrl(own.pprofUrl), { intervalMs: 2000, thresholds: { heapGrowthPercent: 0, windowSeconds: 60, gcPauseMs: 0, goroutines: 0 } }, {
    onPoint: () => times.push(Date.now()),
    onBreach: (b) => kinds.push(...b.map((x) => x.kind)),
  });
  void m.start();
  try {
    await until('a first poll', () => times.length >= 1, 30_000);
    m.update(100, { heapGrowthPercent: 0, windowSeconds: 60, gcPauseMs: 0, goroutines: 5 }); // the fixture runs ~49 goroutines
    assert.equal(m.intervalMs, 100);
    await until('the goroutine warning from the new limit', () => kinds.includes('goroutines'), 30_000);
    const n = times.length;
    await until('five polls at the new pace', () => times.length >= n + 5, 30_000);
    const gaps = times.slice(n).map((t, i, a) => (i ? t - a[i - 1] : 0)).slice(1);
    assert.ok(Math.max(...gaps) < 1500, `gaps ${gaps} ms: none as long as the old 2 s interval`);
    assert.deepEqual(kinds, ['goroutines'], 'one warning while the count stays above the limit');
  } finally {
    m.stop();
    own.stop();
  }
});

test('a target that never answers has at most one request open at a time', async () => {
  const silent = await startSilentServer();
  const errors: string[] = [];
  const m = new MemoryMonitor(
    endpointFromUrl(silent.url),
    { intervalMs: 100, requestTimeoutMs: 300, thresholds: { heapGrowthPercent: 0, windowSeconds: 60, gcPauseMs: 0, goroutines: 0 } },
    { onError: (e) => errors.push(e.message) },
  );
  const ended = m.start();
  await until('four timed-out polls', () => errors.length >= 4, 20_000);
  assert.equal(silent.maxOpen, 1, `${silent.total} connections, never two at once`);
  assert.ok(errors.every((e) => /no complete answer .* within 300 ms/.test(e)), errors.join('\n'));
  // Backoff: the connections are spread out (300 ms timeout + 200, 400, 800 ms waits), not back to back.
  assert.ok(silent.total <= errors.length + 1);
  m.stop();
  assert.equal(await ended, 'stopped');
  await until('stop() to close the open request', () => silent.open === 0, 5_000);
  await silent.close();
});

test('a server that is not Go pprof stops the monitor at the first poll, saying what came back', async () => {
  const html = await startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'));
  const stops: Array<[string, boolean]> = [];
  try {
    const m = new MemoryMonitor(endpointFromUrl(html.url), { intervalMs: 100, thresholds: { heapGrowthPercent: 0, windowSeconds: 60, gcPauseMs: 0, goroutines: 0 } }, { onStop: (r, gone) => stops.push([r, gone]) });
    const reason = await m.start();
    assert.match(reason, /does not answer like a Go program serving net\/http\/pprof: .*heap\?debug=1 has no "# runtime\.MemStats" section/);
    assert.deepEqual(stops, [[reason, true]]);
  } finally {
    await html.close();
  }
});

test('a program serving expvar is read from /debug/vars', { skip }, async () => {
  const ev = await startExpvarServer();
  try {
    const m = new MemoryMonitor(endpointFromUrl(ev.pprofUrl), { intervalMs: 100, thresholds: { heapGrowthPercent: 0, windowSeconds: 60, gcPauseMs: 0, goroutines: 0 } });
    void m.start();
    await until('two polls', () => m.series.points.length >= 2, 20_000);
    m.stop();
    assert.equal(m.statsSource, 'expvar');
    const p = m.series.latest!;
    assert.equal(p.numGC, m.series.points[0].numGC, 'GC is off in the fixture: the count is frozen');
    assert.equal(p.heapGoal, 0, 'GOGC=off has no goal');
    assert.ok(p.goroutines! >= 2);
  } finally {
    ev.stop();
  }
});
