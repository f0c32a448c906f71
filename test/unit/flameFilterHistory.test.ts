import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FilterHistory, type FilterSnapshot } from '../../src/core/flame/filterHistory';

const start: FilterSnapshot = { focus: '', ignored: [], sandwich: '', zoom: 7 };

test('focus or hide starts at the root, a sandwich keeps the zoom; undo walks back in order', () => {
  const h = new FilterHistory();
  assert.equal(h.canUndo, false);
  const hide = h.change(start, { ignored: ['runtime.'] });
  assert.deepEqual(hide, { snap: { focus: '', ignored: ['runtime.'], sandwich: '', zoom: 0 }, treeChanged: true });
  const sandwich = h.change({ ...hide.snap, zoom: 3 }, { sandwich: 'main.work' });
  assert.deepEqual(sandwich, { snap: { focus: '', ignored: ['runtime.'], sandwich: 'main.work', zoom: 3 }, treeChanged: false });
  assert.deepEqual(h.undo(), { focus: '', ignored: ['runtime.'], sandwich: '', zoom: 3 });
  assert.deepEqual(h.undo(), start);
  assert.equal(h.undo(), undefined);
});

test('undo remembers the last 100 changes; clear forgets them', () => {
  const h = new FilterHistory();
  for (let i = 0; i < 150; i++) h.change({ ...start, zoom: i }, { sandwich: `f${i}` });
  let n = 0;
  let last: FilterSnapshot | undefined;
  for (let s = h.undo(); s; s = h.undo()) {
    n++;
    last = s;
  }
  assert.equal(n, 100);
  assert.equal(last?.zoom, 50);
  h.change(start, { focus: 'x' });
  h.clear();
  assert.equal(h.canUndo, false);
});
