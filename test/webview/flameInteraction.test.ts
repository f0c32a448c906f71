import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatShare, formatValue } from '../../src/core/format/units';
import {
  after,
  browserForFile,
  findFrame,
  frameCenter,
  goldenTree,
  init,
  nameOf,
  outermostTotal,
  post,
  posted,
  screenshot,
  search,
  summary,
  type FlamePage,
} from './flamePage';

// Interaction with the flame webview on the real golden heap profile
// (alloc_space: main.work has several callees), in headless Chromium.
const { skip, open } = browserForFile();
const ALLOC_SPACE = 1;
const tree = goldenTree('heap.pb.gz');

/** Opens the page, sends the tree (alloc_space), runs the body, and checks nothing went wrong on the page. */
async function withPage(body: (page: Page, fp: FlamePage) => Promise<void>): Promise<void> {
  const fp = await open();
  try {
    await init(fp.page, tree, { state: { sampleTypeIndex: ALLOC_SPACE } });
    await body(fp.page, fp);
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
}

async function click(page: Page, name: string, opts: { button?: 'right'; view?: 'main' | 'callers' | 'callees' } = {}) {
  const s = await summary(page);
  const f = findFrame(s[opts.view ?? 'main'], name);
  const at = await frameCenter(page, f, opts.view);
  return after(page, () => page.mouse.click(at.x, at.y, { button: opts.button }));
}

const lastState = async (page: Page) => (await posted(page)).filter((m) => m.type === 'state').at(-1)?.state as Record<string, unknown> | undefined;

test('click zooms: the frame spans the width, its ancestors stay above; breadcrumb and Esc zoom out', { skip }, async () => {
  await withPage(async (page) => {
    let s = await click(page, 'main.work');
    const work = findFrame(s.main, 'main.work');
    assert.equal(s.zoom, work.node);
    assert.deepEqual([work.x, work.w], [0, s.canvas.cssWidth]);
    for (const a of ['root', 'runtime.main', 'main.main']) assert.equal(findFrame(s.main, a).w, s.canvas.cssWidth, `${a} is drawn across`);
    assert.ok(!s.main.some((f) => f.name === 'flag.Parse'), 'siblings of the zoomed frame are gone');
    const crumbs = await page.locator('.flame-breadcrumb .crumb').allInnerTexts();
    assert.deepEqual(crumbs.map((c) => c.replace(/^› /, '')), ['root', 'runtime.main', 'main.main', 'main.work']);
    assert.equal((await lastState(page))?.zoom, work.node, 'the zoom is posted to the host');
    // Deeper, then Esc goes back one step at a time.
    s = await click(page, 'main.garbageLoop');
    const loop = findFrame(s.main, 'main.garbageLoop').node;
    assert.equal(s.zoom, loop);
    await screenshot(page, 'flame-zoomed');
    s = await after(page, () => page.keyboard.press('Escape'));
    assert.equal(s.zoom, work.node);
    s = await after(page, () => page.locator('.flame-breadcrumb .crumb', { hasText: 'root' }).click());
    assert.equal(s.zoom, 0);
  });
});

test('search: regex matches are marked, the rest dimmed, the matched share counts nested matches once', { skip }, async () => {
  await withPage(async (page) => {
    const s = await search(page, '^main\\.(recurse|work)$');
    const recurse = s.main.filter((f) => f.name === 'main.recurse');
    assert.ok(recurse.length >= 1 && recurse.every((f) => f.matched && !f.dim));
    assert.ok(findFrame(s.main, 'main.work').matched);
    assert.ok(findFrame(s.main, 'main.allocBig').dim, 'non-matching frames are dimmed');
    // main.recurse is inside main.work: the share is main.work's total alone.
    const share = outermostTotal(tree, (n) => /^main\.(recurse|work)$/.test(n), ALLOC_SPACE);
    const whole = tree.total[ALLOC_SPACE];
    assert.match(s.search.status, new RegExp(`${formatValue(share, 'bytes')} \\(${formatShare(share, whole).replace('.', '\\.')}\\)`));
    await screenshot(page, 'flame-search');
    // An invalid regex is searched as text and the box says so.
    const bad = await search(page, 'recurse(');
    assert.notEqual(bad.search.error, '');
    assert.ok(await page.locator('.flame-search.invalid').count());
    assert.equal(bad.search.status, 'no match');
    // Esc in the box clears the search.
    const cleared = await after(page, () => page.keyboard.press('Escape'));
    assert.equal(cleared.state.search, '');
    assert.ok(!cleared.main.some((f) => f.dim));
  });
});

test('sample type switch re-lays out locally and tells the host', { skip }, async () => {
  await withPage(async (page) => {
    const s = await after(page, () => page.locator('.flame-toolbar select').selectOption('0'));
    assert.equal(s.state.sampleTypeIndex, 0);
    const msgs = await posted(page);
    assert.deepEqual(msgs.filter((m) => m.type === 'setSampleType'), [{ type: 'setSampleType', index: 0 }]);
    const f = findFrame(s.main, 'main.buildRecords');
    const expected = (tree.total[f.node * tree.sampleTypes.length] / tree.total[0]) * s.canvas.cssWidth;
    assert.ok(Math.abs(f.w - expected) < 0.05, `width follows alloc_objects: ${f.w} ≈ ${expected}`);
  });
});

test('focus on a function, hide a package, undo each', { skip }, async () => {
  await withPage(async (page) => {
    let s = await click(page, 'main.work', { button: 'right' });
    assert.equal(await page.locator('.flame-selected').innerText(), 'main.work');
    s = await after(page, () => page.getByRole('button', { name: 'Focus', exact: true }).click());
    assert.equal(s.state.focus, 'main.work');
    const root = s.main.find((f) => f.y === 0)!;
    assert.equal(root.name, 'main.work', 'the focused function is the root');
    assert.match(await page.locator('.chip').first().innerText(), /^Focus: main\.work/);
    // Hide the runtime package (select a runtime frame first: back to the whole graph).
    s = await after(page, () => page.getByRole('button', { name: 'Undo' }).click());
    assert.equal(s.state.focus, '');
    s = await click(page, 'runtime.main', { button: 'right' });
    s = await after(page, () => page.keyboard.press('p'));
    assert.deepEqual(s.state.ignored, ['runtime.']);
    assert.ok(!s.main.some((f) => f.name.startsWith('runtime.')), 'no runtime frames');
    assert.equal(findFrame(s.main, 'root').w, s.canvas.cssWidth);
    const mainMain = findFrame(s.main, 'main.main');
    assert.equal(mainMain.y, 18, 'main.main moved up under the root');
    assert.equal(String((await lastState(page))?.ignored), 'runtime.');
    await screenshot(page, 'flame-hidden-runtime');
    s = await after(page, () => page.keyboard.press('u'));
    assert.deepEqual(s.state.ignored, []);
    assert.ok(s.main.some((f) => f.name === 'runtime.main'));
  });
});

test('keyboard: arrows walk parent/child/siblings, Enter zooms, Esc zooms out, / goes to search', { skip }, async () => {
  await withPage(async (page) => {
    await page.locator('canvas.flame-canvas').first().focus();
    let s = await after(page, () => page.keyboard.press('ArrowDown'));
    assert.equal(s.selected, 0, 'the first arrow selects the zoomed frame');
    for (let i = 0; i < 3; i++) s = await after(page, () => page.keyboard.press('ArrowDown'));
    assert.equal(nameOf(tree, s.selected), 'main.work', 'down follows the widest child');
    s = await after(page, () => page.keyboard.press('ArrowDown'));
    assert.equal(nameOf(tree, s.selected), 'main.garbageLoop');
    s = await after(page, () => page.keyboard.press('ArrowLeft'));
    assert.equal(nameOf(tree, s.selected), 'main.closureAllocs', 'left: previous sibling in name order');
    s = await after(page, () => page.keyboard.press('ArrowUp'));
    assert.equal(nameOf(tree, s.selected), 'main.work');
    assert.match(await page.locator('.sr-only').innerText(), /^main\.work, .*main\.go:\d+, Total /, 'announced to screen readers');
    s = await after(page, () => page.keyboard.press('Enter'));
    assert.equal(nameOf(tree, s.zoom), 'main.work');
    s = await after(page, () => page.keyboard.press('Escape'));
    assert.equal(s.zoom, 0);
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'flame-search');
  });
});

test('double-click and Ctrl/Cmd+click post openLocation with the host tree node', { skip }, async () => {
  await withPage(async (page) => {
    const s = await summary(page);
    const f = findFrame(s.main, 'main.allocBig');
    const at = await frameCenter(page, f);
    await page.mouse.dblclick(at.x, at.y);
    await page.keyboard.press('Escape');
    const again = findFrame((await summary(page)).main, 'main.allocBig');
    const at2 = await frameCenter(page, again);
    await page.keyboard.down('Control');
    await page.mouse.click(at2.x, at2.y);
    await page.keyboard.up('Control');
    const opens = (await posted(page)).filter((m) => m.type === 'openLocation');
    assert.deepEqual(opens, [
      { type: 'openLocation', node: f.node },
      { type: 'openLocation', node: f.node },
    ]);
    assert.equal(nameOf(tree, f.node), 'main.allocBig');
    // In a focused view the node still names the host's tree.
    await click(page, 'main.work', { button: 'right' });
    await after(page, () => page.keyboard.press('f'));
    const focused = findFrame((await summary(page)).main, 'main.allocBig');
    const at3 = await frameCenter(page, focused);
    await page.mouse.dblclick(at3.x, at3.y);
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'openLocation').at(-1), { type: 'openLocation', node: f.node });
  });
});

test('host messages: highlight outlines the editor’s functions and dims the rest; focus from a code lens', { skip }, async () => {
  await withPage(async (page) => {
    let s = await after(page, () => post(page, { type: 'highlight', functions: ['main.allocBig', 'main.newRecord'] }));
    assert.ok(findFrame(s.main, 'main.allocBig').highlighted);
    assert.ok(findFrame(s.main, 'main.newRecord').highlighted);
    assert.ok(findFrame(s.main, 'main.garbageLoop').dim);
    await screenshot(page, 'flame-highlight');
    s = await after(page, () => post(page, { type: 'highlight', functions: [] }));
    assert.ok(!s.main.some((f) => f.dim || f.highlighted));
    s = await after(page, () => post(page, { type: 'focus', function: 'main.storeAllocs' }));
    assert.equal(s.state.focus, 'main.storeAllocs');
    assert.equal(s.main.find((f) => f.y === 0)?.name, 'main.storeAllocs');
  });
});

test('view state survives a reload (vscode.setState) and the host hears every change; Compare asks the host', { skip }, async () => {
  const fp = await open();
  const { page } = fp;
  try {
    await init(page, tree, { state: { sampleTypeIndex: ALLOC_SPACE, profilePath: '/w/heap.pb.gz' } });
    await click(page, 'runtime.main', { button: 'right' });
    await after(page, () => page.keyboard.press('h'));
    await click(page, 'main.work');
    await search(page, 'alloc');
    const before = await summary(page);
    const sent = (await posted(page)).length;
    await page.getByRole('button', { name: 'Compare with…' }).click();
    // The search's debounced state message may land after it on a busy machine: look for it, not at the last.
    assert.deepEqual((await posted(page)).slice(sent).filter((m) => m.type === 'compare'), [{ type: 'compare' }]);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    // What VS Code keeps (and hands the host's panel serializer): the plain view state with the profile path.
    const saved = JSON.parse((await page.evaluate(() => sessionStorage.getItem('gomem-test-webview-state'))) ?? '{}');
    assert.deepEqual(saved, before.state);
    assert.equal(saved.profilePath, '/w/heap.pb.gz');
    const s = await init(page, tree, { state: { profilePath: '/w/heap.pb.gz' } });
    assert.deepEqual(s.state, before.state);
    assert.equal(s.state.search, 'alloc');
    assert.deepEqual(s.state.ignored, ['runtime.main']);
    assert.equal(nameOf(tree, 0), 'root');
    assert.equal(s.main.find((f) => f.node === s.zoom)?.name, 'main.work', 'zoomed where it was');
    assert.equal(await page.locator('.flame-search').inputValue(), 'alloc');
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
});
