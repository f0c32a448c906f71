import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatValue } from '../../src/core/format/units';
import { after, browserForFile, findFrame, frameCenter, goldenTree, init, pixelAt, posted, screenshot } from './flamePage';

// The flame webview on the committed golden heap profile, in headless Chromium:
// handshake, HiDPI canvas, theme colours, labels, tooltip.
const { skip, open } = browserForFile();

test('ready → init handshake, then a crisp HiDPI canvas with the frames of the real heap profile', { skip }, async () => {
  const tree = goldenTree('heap.pb.gz');
  const fp = await open({ dpr: 2 });
  const { page } = fp;
  try {
    assert.deepEqual(await posted(page), [{ type: 'ready' }], 'the page says ready and asks for nothing else before init');
    const s = await init(page, tree);
    assert.equal(s.nodes, tree.parent.length);
    assert.equal(s.canvas.dpr, 2);
    assert.equal(s.canvas.width, s.canvas.cssWidth * 2, 'backing store is devicePixelRatio × CSS size');
    assert.equal(s.canvas.height, s.canvas.cssHeight * 2);
    // The default sample type is the last one (inuse_space), as in pprof.
    assert.equal(s.state.sampleTypeIndex, tree.sampleTypes.length - 1);
    const root = findFrame(s.main, 'root');
    assert.equal(root.x, 0);
    assert.equal(root.w, s.canvas.cssWidth);
    const main = findFrame(s.main, 'main.main');
    const t = s.state.sampleTypeIndex;
    const types = tree.sampleTypes.length;
    const mainNode = tree.parent.findIndex((_, i) => tree.names[tree.name[i]] === 'main.main');
    const expected = (tree.total[mainNode * types + t] / tree.total[t]) * s.canvas.cssWidth;
    assert.ok(Math.abs(main.w - expected) < 0.05, `main.main width ${main.w} ≈ ${expected}`);
    assert.ok(main.label.length > 0, 'wide frames are labelled');
    for (const f of s.main) {
      assert.ok(f.w >= 0.5, `frames narrower than half a pixel are not drawn (${f.name} ${f.w})`);
      assert.ok(f.label === '' || f.label.length * 7 <= f.w, `label "${f.label}" fits its ${f.w}px frame`);
    }
    // Per-package hue: runtime, standard library and module code differ.
    const fills = new Set(s.main.filter((f) => /^(runtime|main)\./.test(f.name)).map((f) => f.fill.split(' ')[0]));
    assert.ok(fills.size >= 2, `runtime and main frames get different hues: ${[...fills]}`);
    await screenshot(page, 'flame-dark-heap');
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
});

test('hover shows function, file:line, total and self with units and share, and the object count', { skip }, async () => {
  const tree = goldenTree('heap.pb.gz');
  const fp = await open();
  const { page } = fp;
  try {
    const s = await init(page, tree, { state: { sampleTypeIndex: 3 } });
    const f = findFrame(s.main, 'main.main');
    const at = await frameCenter(page, f);
    await page.mouse.move(at.x, at.y);
    const tip = page.locator('.flame-tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = await tip.innerText();
    const types = tree.sampleTypes.length;
    const n = f.node;
    assert.match(text, /^main\.main$/m);
    assert.match(text, new RegExp(`${tree.files[tree.file[n]].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${tree.line[n]}`));
    const total = formatValue(tree.total[n * types + 3], 'bytes');
    assert.ok(text.includes(`Total\n${total} (`) || text.includes(`Total\t${total} (`) || text.includes(total), `total ${total} in ${text}`);
    assert.match(text, /%\)/, 'shares in percent');
    const objs = formatValue(tree.total[n * types + 2], 'count');
    assert.ok(text.includes(`${objs} total`), `inuse_objects companion (${objs}) in ${text}`);
    await screenshot(page, 'flame-tooltip');
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
});

test('light theme: light frames with dark text, same layout', { skip }, async () => {
  const fp = await open({ theme: 'light' });
  try {
    const s = await init(fp.page, goldenTree('heap.pb.gz'));
    const lightness = Number(/ ([\d.]+)%\)$/.exec(findFrame(s.main, 'main.main').fill)?.[1]);
    assert.ok(lightness > 60, `light theme frames are light (l=${lightness}%)`);
    await screenshot(fp.page, 'flame-light-heap');
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
});

test('a theme change while open recolours the graph (VS Code changes the variables and the body class)', { skip }, async () => {
  const fp = await open();
  try {
    const s = await init(fp.page, goldenTree('heap.pb.gz'));
    const before = findFrame(s.main, 'main.main').fill;
    const light = await after(fp.page, () =>
      fp.page.evaluate(() => {
        document.documentElement.style.setProperty('--vscode-editor-background', '#ffffff');
        document.documentElement.style.setProperty('--vscode-editor-foreground', '#000000');
        document.body.className = 'vscode-light';
      }),
    );
    const after_ = findFrame(light.main, 'main.main').fill;
    assert.notEqual(after_, before);
    assert.ok(Number(/ ([\d.]+)%\)$/.exec(after_)?.[1]) > 60, `light frames after the switch: ${after_}`);
    const at = await frameCenter(fp.page, findFrame(light.main, 'main.main'));
    const [r, g, b] = await pixelAt(fp.page, at.x + 30, at.y);
    assert.ok(r + g + b > 500, `the canvas is repainted light: rgb(${r}, ${g}, ${b})`);
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
});
