import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BucketSeries } from '../../src/core/trace/summary/bucketSeries';
import { pauseDistribution, percentile } from '../../src/core/trace/summary/percentiles';
import { summarizeTrace } from '../../src/core/trace/summary/summarizer';
import { firstUserFrame, isStandardLibraryFunc } from '../../src/core/trace/summary/userFrame';
import { GOLDEN_TRACES, assertBlockBehaviour, assertGcBehaviour, assertLeakBehaviour, goldenTracePath } from '../support/traceTools';

/**
 * The summary against what the fixture programs are known to do (their
 * sources mark the places), on the committed traces of every format version;
 * traceOracle.test.ts checks the same on fresh runs and against Go's numbers.
 */
const summary = (name: string) => summarizeTrace(readFileSync(goldenTracePath(name)), { topN: 50 });

for (const name of GOLDEN_TRACES) {
  test(`golden ${name}: what the fixture did is what the summary says`, () => {
    const s = summary(name);
    assert.equal(s.goVersion, name.replace(/^\w+-/, ''));
    assert.equal(s.formatVersion, Number(name.slice(-2)));
    assert.ok(s.durationNs > 0 && s.gomaxprocs > 0);
    if (name.startsWith('block')) assertBlockBehaviour(s, true);
    else if (name.startsWith('leak')) assertLeakBehaviour(s);
    else assertGcBehaviour(s);
  });
}

test('series are relative to the trace start and in time order; goroutine counts add up at the end', () => {
  for (const name of GOLDEN_TRACES) {
    const s = summary(name);
    for (const series of [s.heapAlloc, s.heapGoal, s.gomaxprocsSeries, s.goroutines.series]) {
      series.forEach(([t], i) => assert.ok(t >= 0 && t <= s.durationNs && (i === 0 || t >= series[i - 1][0]), `${name}: t=${t}`));
    }
    const last = s.goroutines.series[s.goroutines.series.length - 1];
    assert.equal(last[1] + last[2] + last[3] + last[4], s.goroutines.aliveAtEnd, name);
    assert.equal(s.goroutines.aliveAtEndBySite.reduce((n, g) => n + g.count, 0), s.goroutines.aliveAtEnd);
    assert.deepEqual(Object.keys(s.blockedNsByReason), s.blocked.map((b) => b.reason));
    for (const b of s.blocked) assert.ok(b.topStacks.reduce((n, t) => n + t.ns, 0) <= b.totalNs);
  }
});

test('topN limits every ranked list', () => {
  const s = summarizeTrace(readFileSync(goldenTracePath('block-go1.26')), { topN: 2 });
  assert.ok(s.goroutines.createdBySite.length <= 2 && s.goroutines.aliveAtEndBySite.length <= 2);
  for (const b of s.blocked) assert.ok(b.topStacks.length <= 2);
  assert.ok(s.blocked.length > 2, 'reasons themselves are not cut');
});

test('nearest-rank percentiles', () => {
  const d = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.deepEqual([50, 90, 99, 100].map((p) => percentile(d, p)), [5, 9, 10, 10]);
  assert.equal(percentile([7], 50), 7);
  assert.equal(percentile([], 50), 0);
  assert.deepEqual(pauseDistribution([30, 10, 20], 600), { count: 3, p50Ns: 20, p90Ns: 30, p99Ns: 30, maxNs: 30, totalNs: 60, share: 0.1 });
});

test('bucket series: bounded, latest value per bucket, widening as time goes on', () => {
  const s = new BucketSeries(1000, 10, 8, 1);
  for (let t = 1000; t < 1080; t += 5) s.set(t, [t]);
  assert.deepEqual(s.points(2000).map(([, v]) => v), [1005, 1015, 1025, 1035, 1045, 1055, 1065, 1075]);
  s.set(1500, [1]); // past the 8 buckets of 10: widths double to 80
  const pts = s.points(1600);
  assert.ok(pts.length <= 8);
  assert.deepEqual(pts.map(([t, v]) => [t, v]), [[1080, 1075], [1160, 1075], [1240, 1075], [1320, 1075], [1400, 1075], [1480, 1075], [1560, 1]]);
});

test('standard library vs user frames', () => {
  for (const f of ['runtime.gopark', 'internal/poll.(*FD).Read', 'sync.(*Mutex).Lock', 'net/http.(*conn).serve']) assert.ok(isStandardLibraryFunc(f), f);
  for (const f of ['main.run', 'main.main.func1', 'example.com/app/db.Query', 'github.com/x/y.(*T).M']) assert.ok(!isStandardLibraryFunc(f), f);
  const frame = (func: string) => ({ func, file: 'f.go', line: 1 });
  assert.equal(firstUserFrame([frame('runtime.chanrecv1'), frame('main.recv'), frame('main.main')])?.func, 'main.recv');
  assert.equal(firstUserFrame([frame('runtime.gopark')])?.func, 'runtime.gopark');
  assert.equal(firstUserFrame([]), undefined);
});
