import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { change, describeFrame } from '../../src/core/flame/describe';
import { fitLabel } from '../../src/core/flame/labels';
import { codeKind, diffColor, diffLevel, DIFF_LEVELS, frameColor, packageOf, shortName } from '../../src/core/flame/palette';
import { restoreViewState } from '../../src/core/flame/viewState';
import { formatValue } from '../../src/core/format/units';
import { goldenPath } from '../support/goTools';
import { nodeNamed, stacksTree, treeOf } from './flameStacks';

test('package of a Go function name, and the kind of code it is', () => {
  const cases: [string, string, string][] = [
    ['runtime.mallocgc', 'runtime', 'runtime'],
    ['internal/runtime/maps.(*Map).Get', 'internal/runtime/maps', 'runtime'],
    ['runtime/pprof.writeHeap', 'runtime/pprof', 'runtime'],
    ['net/http.(*conn).serve', 'net/http', 'stdlib'],
    ['fmt.Sprintf', 'fmt', 'stdlib'],
    ['main.main.func1', 'main', 'module'],
    ['github.com/a/b.(*T).M', 'github.com/a/b', 'module'],
    ['gopkg.in/yaml%2ev3.(*decoder).unmarshal', 'gopkg.in/yaml%2ev3', 'module'],
    ['example.com/m.Map[go.shape.string,example.com/x.T].Get', 'example.com/m', 'module'],
    ['0x4a5b3f', '', 'unknown'],
  ];
  for (const [fn, pkg, kind] of cases) {
    assert.equal(packageOf(fn), pkg, fn);
    assert.equal(codeKind(fn), kind, fn);
  }
  assert.equal(shortName('github.com/a/b.(*T).M'), 'b.(*T).M');
  assert.equal(shortName('example.com/m.F[example.com/x.T]'), 'm.F[example.com/x.T]');
});

test('colours: one band per kind, a hue per package, light frames on light themes', () => {
  const hue = (fn: string) => frameColor(fn, true).h;
  assert.ok(hue('runtime.mallocgc') >= 250 && hue('runtime.mallocgc') <= 290);
  assert.ok(hue('fmt.Sprintf') >= 195 && hue('fmt.Sprintf') <= 230);
  assert.ok(hue('main.main') >= 22 && hue('main.main') <= 52);
  assert.equal(hue('main.a'), hue('main.b'), 'same package, same hue');
  assert.ok(frameColor('main.a', false).l > 60 && frameColor('main.a', true).l < 40);
});

test('diff levels: red for growth, green for shrinkage, by relative change, negative values too', () => {
  assert.equal(diffLevel(100, 100), 0);
  assert.equal(diffLevel(200, 100), DIFF_LEVELS, '+100% is the strongest');
  assert.equal(diffLevel(100, 0), DIFF_LEVELS, 'new frames grew fully');
  assert.equal(diffLevel(0, 100), -DIFF_LEVELS, 'vanished frames shrank fully');
  assert.equal(diffLevel(110, 100), 1);
  assert.equal(diffLevel(150, 100), 3);
  assert.equal(diffLevel(-50, -100), 3, 'from -100 to -50 is growth by 50% of |base|');
  assert.equal(diffLevel(-150, -100), -3);
  assert.ok(diffColor(3, true).h < 20, 'growth is red');
  assert.ok(diffColor(-3, true).h > 90 && diffColor(-3, true).h < 150, 'shrinkage is green');
  assert.ok(diffColor(6, true).s > diffColor(1, true).s, 'stronger change, stronger colour');
});

test('labels: whole name, else without the package path, else cut with an ellipsis', () => {
  const fn = 'github.com/acme/app/store.(*Cache).Put';
  assert.equal(fitLabel(fn, 100), fn);
  assert.equal(fitLabel(fn, 20), 'store.(*Cache).Put');
  assert.equal(fitLabel(fn, 10), 'store.(*C…');
  assert.equal(fitLabel(fn, 10).length, 10);
  assert.equal(fitLabel(fn, 2), '');
});

test('tooltip text: units, shares of the whole profile, the object count next to the space type', () => {
  const tree = treeOf(readFileSync(goldenPath('heap.pb.gz')));
  const n = nodeNamed(tree, 'main.main');
  const types = tree.sampleTypes.length;
  const d = describeFrame(tree, n, 3, tree.total[3]);
  assert.equal(d.name, 'main.main');
  assert.equal(d.location, `${tree.files[tree.file[n]]}:${tree.line[n]}`);
  assert.match(d.location, /main\.go:\d+$/);
  const [label, value] = d.rows[0];
  assert.equal(label, 'Total');
  assert.ok(value.startsWith(formatValue(tree.total[n * types + 3], 'bytes')), value);
  assert.match(value, /\(\d+(\.\d+)?%\)$/);
  assert.deepEqual(d.rows[2], ['Objects', `${formatValue(tree.total[n * types + 2], 'count')} total · ${formatValue(tree.self[n * types + 2], 'count')} self`]);
});

test('diff text: base → current (Δ, %), negative values keep their sign', () => {
  assert.equal(change(1024, 3072, 'bytes'), '1 kB → 3 kB (+2 kB, +200%)');
  assert.equal(change(3072, 1024, 'bytes'), '3 kB → 1 kB (-2 kB, -66.7%)');
  assert.equal(change(0, 10, 'count'), '0 → 10 (+10)');
  assert.equal(change(-100, -50, 'count'), '-100 → -50 (+50, +50%)');
  const tree = stacksTree([[['main.a'], [2, 100]]]);
  const withBase = { ...tree, baseTotal: tree.total.map((v) => v / 2), baseSelf: tree.self.map((v) => v / 2) };
  const d = describeFrame(withBase, nodeNamed(tree, 'main.a'), 1, 100);
  assert.deepEqual(d.rows[0], ['Total', '50 B → 100 B (+50 B, +100%)']);
  assert.deepEqual(d.rows[2], ['Objects', '1 → 2 total']);
});

test('view state: defaults, then saved state, then what the host sends; junk is dropped', () => {
  const tree = stacksTree([[['main.a'], [1, 1]]]);
  assert.deepEqual(restoreViewState(tree), { sampleTypeIndex: 1, zoom: 0, search: '', focus: '', ignored: [], sandwich: '' });
  const s = restoreViewState(
    tree,
    { zoom: 3, search: 'x', ignored: ['runtime.', 'runtime.', ''] },
    { sampleTypeIndex: 0, search: 'y', zoom: -1 } as never,
    { sampleTypeIndex: 7, focus: 5 } as never,
  );
  assert.deepEqual(s, { sampleTypeIndex: 0, zoom: 3, search: 'y', focus: '', ignored: ['runtime.'], sandwich: '' });
});
