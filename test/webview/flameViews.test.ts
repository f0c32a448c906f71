import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { mergeFlameTrees } from '../../src/core/pprof/flameDiff';
import type { FlameTree } from '../../src/protocol/flame';
import { stacksTree } from '../unit/flameStacks';
import {
  after,
  browserForFile,
  findFrame,
  frameCenter,
  goldenTree,
  init,
  pixelAt,
  screenshot,
  summary,
  type DrawnFrame,
} from './flamePage';

// Sandwich and diff views of the flame webview, in headless Chromium.
const { skip, open } = browserForFile();

async function withTree(tree: FlameTree, extra: Parameters<typeof init>[2], body: (page: Page) => Promise<void>, theme: 'dark' | 'light' = 'dark') {
  const fp = await open({ theme });
  try {
    await init(fp.page, tree, extra);
    await body(fp.page);
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
}

const rowsOf = (frames: DrawnFrame[]) => [...new Set(frames.map((f) => f.y))].sort((a, b) => a - b);

test('sandwich: callers drawn upward above the function, callees below it; Esc closes it', { skip }, async () => {
  const tree = goldenTree('heap.pb.gz');
  await withTree(tree, { state: { sampleTypeIndex: 1, sandwich: 'runtime.newobject' } }, async (page) => {
    const s = await summary(page);
    assert.equal(s.main.length, 0, 'the plain graph is replaced');
    // Callers: the function on the bottom row, its callers above it, up to the top of each stack.
    const callerRows = rowsOf(s.callers);
    const bottom = s.callers.filter((f) => f.y === callerRows.at(-1));
    assert.deepEqual(bottom.map((f) => f.name), ['runtime.newobject']);
    const above = s.callers.filter((f) => f.y === callerRows.at(-2)).map((f) => f.name);
    assert.deepEqual(above.sort(), ['runtime.gcBgMarkWorker', 'runtime.malg']);
    const bg = findFrame(s.callers, 'runtime.gcBgMarkWorker');
    const expected = (1024 / (1024 + 960)) * s.canvas.cssWidth;
    assert.ok(Math.abs(bg.w - expected) < 0.05, `callers share the function's width by value: ${bg.w} ≈ ${expected}`);
    assert.equal(findFrame(s.callers, 'runtime.systemstack').y, callerRows[0], 'the top of the malg stack is highest');
    // Callees: the function on top, what it called below.
    assert.equal(findFrame(s.callees, 'runtime.newobject').y, 0);
    assert.equal(findFrame(s.callees, 'runtime.mallocgc').y, 18);
    assert.match(await page.locator('.flame-sandwich').innerText(), /Callers of runtime\.newobject[\s\S]*Callees of runtime\.newobject/);
    await screenshot(page, 'flame-sandwich');
    const closed = await after(page, () => page.keyboard.press('Escape'));
    assert.equal(closed.state.sandwich, '');
    assert.ok(closed.main.length > 0);
  });
});

test('sandwich from the selection (S) on a recursive function: outermost calls once', { skip }, async () => {
  const tree = goldenTree('heap.pb.gz');
  await withTree(tree, { state: { sampleTypeIndex: 0 } }, async (page) => {
    const f = findFrame((await summary(page)).main, 'main.recurse');
    const at = await frameCenter(page, f);
    await after(page, () => page.mouse.click(at.x, at.y, { button: 'right' }));
    const s = await after(page, () => page.keyboard.press('s'));
    assert.equal(s.state.sandwich, 'main.recurse');
    const callerNames = s.callers.map((x) => x.name);
    assert.deepEqual(callerNames.sort(), ['main.main', 'main.recurse', 'main.work', 'runtime.main'], 'one chain of callers');
    assert.ok(s.callers.every((x) => x.w === s.canvas.cssWidth));
    const callees = s.callees.filter((x) => x.name === 'main.recurse');
    assert.equal(callees.length, 6, 'the recursion below the outermost call');
    // Zoom inside the callees pane, then back out.
    const inner = callees[2];
    const at2 = await frameCenter(page, inner, 'callees');
    const zoomed = await after(page, () => page.mouse.click(at2.x, at2.y));
    assert.equal(findFrame(zoomed.callees.filter((x) => x.y === inner.y), 'main.recurse').w, zoomed.canvas.cssWidth);
  });
});

/** Base and current profiles with known changes, merged by call path as the language server does. */
function diffTree(): FlameTree {
  const base = stacksTree([
    [['main.a', 'main.grow'], [1, 100]],
    [['main.a', 'main.shrink'], [4, 400]],
    [['main.a', 'main.same'], [2, 200]],
    [['main.gone'], [1, 100]],
  ]);
  const current = stacksTree([
    [['main.a', 'main.grow'], [3, 300]],
    [['main.a', 'main.shrink'], [1, 100]],
    [['main.a', 'main.same'], [2, 200]],
    [['main.new'], [2, 150]],
  ]);
  return mergeFlameTrees(current, base);
}

test('diff: growth red, shrinkage green, by relative change; base → current (Δ, %) in the tooltip; legend', { skip }, async () => {
  await withTree(diffTree(), { baseName: 'base.pb.gz', state: { sampleTypeIndex: 1 } }, async (page) => {
    const s = await summary(page);
    assert.ok(s.diff);
    const hue = (f: DrawnFrame) => Number(/^hsl\(([\d.]+)/.exec(f.fill)?.[1]);
    const sat = (f: DrawnFrame) => Number(/ ([\d.]+)% /.exec(f.fill)?.[1]);
    const [grow, shrink, same, added, gone] = ['main.grow', 'main.shrink', 'main.same', 'main.new', 'main.gone'].map((n) => findFrame(s.main, n));
    assert.ok(hue(grow) < 20 && hue(added) < 20, 'growth is red');
    assert.ok(hue(shrink) > 90 && hue(gone) > 90, 'shrinkage is green');
    assert.ok(sat(same) < 10, 'unchanged is grey');
    assert.ok(sat(added) > sat(grow) - 1e-9 && sat(shrink) < sat(gone), 'stronger change, stronger colour (+200% ≥ cap, −75% < −100%)');
    assert.equal(gone.w > 0, true, 'a frame that vanished still shows (width from the base)');
    // The pixels on the real canvas say the same.
    for (const [f, redder] of [[grow, true], [shrink, false], [added, true], [gone, false]] as const) {
      const at = await frameCenter(page, f);
      const [r, g] = await pixelAt(page, at.x, at.y);
      assert.equal(r > g, redder, `${f.name} pixel rgb(${r}, ${g}, …)`);
    }
    const at = await frameCenter(page, grow);
    await page.mouse.move(at.x, at.y);
    const tip = await page.locator('.flame-tooltip').innerText();
    assert.match(tip, /100 B → 300 B \(\+200 B, \+200%\)/);
    assert.match(tip, /1 → 3 total/);
    assert.equal(await page.locator('.flame-legend .swatch').count(), 13);
    assert.match(await page.locator('.flame-title').innerText(), /vs base\.pb\.gz/);
    await screenshot(page, 'flame-diff');
  });
});

test('diff of the real heap and allocs golden profiles: identical values draw neutral', { skip }, async () => {
  const tree = mergeFlameTrees(goldenTree('allocs.pb.gz'), goldenTree('heap.pb.gz'));
  await withTree(tree, { state: { sampleTypeIndex: 1 } }, async (page) => {
    const s = await summary(page);
    assert.ok(s.main.length > 10);
    assert.equal(new Set(s.main.map((f) => f.fill)).size, 1, 'every frame has the "unchanged" colour');
  });
});

test('a delta profile with negative values draws by magnitude and says the signed values', { skip }, async () => {
  const tree = stacksTree([
    [['main.a', 'main.grow'], [1, 300]],
    [['main.a', 'main.shrink'], [-2, -500]],
  ]);
  await withTree(tree, { state: { sampleTypeIndex: 1 } }, async (page) => {
    const s = await summary(page);
    const shrink = findFrame(s.main, 'main.shrink');
    const grow = findFrame(s.main, 'main.grow');
    assert.ok(Math.abs(shrink.w / grow.w - 500 / 300) < 0.01, 'widths by |value|');
    const at = await frameCenter(page, shrink);
    await page.mouse.move(at.x, at.y);
    const tip = await page.locator('.flame-tooltip').innerText();
    assert.match(tip, /Total\s+-500 B\n/, 'no share of a signed total');
    assert.match(tip, /-2 total/);
    await screenshot(page, 'flame-delta');
  }, 'light');
});

test('a comparison arriving in an open panel keeps the zoomed frame (by call path) and the search', { skip }, async () => {
  const heap = goldenTree('heap.pb.gz');
  const state = { sampleTypeIndex: 1, profilePath: '/w/heap.pb.gz' };
  await withTree(heap, { state }, async (page) => {
    let s = await summary(page);
    const at = await frameCenter(page, findFrame(s.main, 'main.storeAllocs'));
    await after(page, () => page.mouse.click(at.x, at.y));
    await page.locator('.flame-search').fill('Put');
    // The host sends the merged tree, with the state it last heard (whose zoom is an index into the old tree).
    const merged = stacksTree([[['runtime.main', 'main.main', 'main.aaa', 'main.bbb'], [1, 5]]]);
    const diff = mergeFlameTrees(heap, merged);
    const last = (await page.evaluate(() => (window as unknown as { __posted: { type: string; state?: unknown }[] }).__posted.filter((m) => m.type === 'state').at(-1)?.state)) as object;
    s = await init(page, diff, { state: { ...last, ...state }, baseName: 'other.pb.gz' });
    const zoomed = s.main.find((f) => f.node === s.zoom);
    assert.equal(zoomed?.name, 'main.storeAllocs');
    assert.equal(zoomed?.w, s.canvas.cssWidth);
    assert.equal(s.state.search, 'Put');
    assert.ok(s.diff);
  });
});
