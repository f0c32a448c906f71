import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIM, MATCHED, MERGED, VisibleFrames } from '../../src/webview-ui/flame/visibleFrames';

test('slivers that touch on a row become one box; a gap or a wide frame starts a new one', () => {
  const f = new VisibleFrames();
  f.reset(2);
  f.add(0, 1, 0, 1, 0, DIM, 2); // sliver
  f.add(1, 2, 0, 0.6, 18, 0, 4); // another row: its own run
  f.add(0, 3, 1.2, 0.8, 0, MATCHED, 6); // touches the first: merged, and it matched
  f.add(0, 4, 5, 1, 0, 0, 8); // a gap of 3px: a new box
  f.add(0, 5, 6, 40, 0, 0, 10); // wide: its own box, closes the run
  f.add(0, 6, 46, 1, 0, 0, 12); // a sliver after a wide frame starts a new run
  assert.equal(f.count, 5);
  assert.deepEqual([...f.nodes.subarray(0, f.count)], [1, 2, 4, 5, 6]);
  assert.ok(Math.abs(f.ws[0] - 2) < 1e-6, 'the run spans both slivers');
  assert.equal(f.flags[0], MATCHED | MERGED, 'a run with a match is not dim');
  assert.equal(f.colorKey(0), 2, 'and is drawn in its first frame’s undimmed colour');
});

test('the buffers grow past their first size and keep what they hold', () => {
  const f = new VisibleFrames();
  f.reset(1);
  for (let i = 0; i < 40_000; i++) f.add(0, i, i * 10, 5, 0, 0, i * 2);
  assert.equal(f.count, 40_000);
  assert.equal(f.nodes[39_999], 39_999);
  assert.equal(f.xs[12_345], 123_450);
});
