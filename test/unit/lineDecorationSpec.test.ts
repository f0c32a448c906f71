import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineDecorationSpec } from '../../src/core/view/lineDecorationSpec';
import type { LineStatsResult } from '../../src/protocol/types';

/** Values as the server reports them for the allocs fixture's main.go (alloc_space). */
const stats: LineStatsResult = {
  profileId: 'p1',
  profileName: 'heap.pb.gz',
  sampleType: { type: 'alloc_space', unit: 'bytes' },
  countType: { type: 'alloc_objects', unit: 'count' },
  total: 10959136,
  lines: [
    { line: 85, flat: 4194304, cum: 4194304, flatCount: 1, cumCount: 1, stale: false },
    { line: 93, flat: 6553600, cum: 6553600, flatCount: 100, cumCount: 100, stale: false },
    { line: 75, flat: 0, cum: 23040, flatCount: 0, cumCount: 3, stale: false },
    { line: 102, flat: 8192, cum: 8192, flatCount: 1, cumCount: 1, stale: true },
  ],
};

test('labels: own values with object counts; call lines show cum with ↳; stale marked', () => {
  const spec = lineDecorationSpec(stats);
  const text = new Map(spec.lines.map((l) => [l.line, l.text]));
  assert.equal(text.get(85), '4 MB · 1 objs');
  assert.equal(text.get(93), '6.25 MB · 100 objs');
  assert.equal(text.get(75), '↳ 22.5 kB · 3 objs');
  assert.equal(text.get(102), '8 kB · 1 objs (stale)');
});

test('heat scales to the hottest flat line of the file', () => {
  const heat = new Map(lineDecorationSpec(stats).lines.map((l) => [l.line, l.heat]));
  assert.equal(heat.get(93), 5);
  assert.equal(heat.get(85), 4); // 4 MiB / 6.25 MiB = 0.64 → level 4 of 5
  assert.equal(heat.get(75), 0, 'no flat: no tint');
  assert.equal(heat.get(102), 1, 'small but non-zero: the faintest tint');
});

test('without own allocations in the file, heat falls back to cum', () => {
  const onlyCalls = { ...stats, lines: [{ line: 3, flat: 0, cum: 100, stale: false }, { line: 4, flat: 0, cum: 50, stale: false }] };
  const heat = lineDecorationSpec(onlyCalls).lines.map((l) => l.heat);
  assert.deepEqual(heat, [5, 3]);
});

test('negative values (delta profiles) keep their sign and still get heat', () => {
  const delta = { ...stats, countType: undefined, lines: [{ line: 1, flat: -2048, cum: -2048, stale: false }] };
  const [l] = lineDecorationSpec(delta).lines;
  assert.equal(l.text, '-2 kB');
  assert.equal(l.heat, 5);
});

test('hover detail gives flat and cum with shares and the companion counts', () => {
  const l = lineDecorationSpec(stats).lines.find((x) => x.line === 93)!;
  assert.match(l.detail, /alloc_space in heap\.pb\.gz/);
  assert.match(l.detail, /flat 6\.25 MB \(59\.80%\) · cum 6\.25 MB \(59\.80%\)/);
  assert.match(l.detail, /alloc_objects: flat 100 · cum 100/);
});
