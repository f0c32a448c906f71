import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stacksTree } from '../unit/flameStacks';
import { after, browserForFile, findFrame, frameCenter, init, posted, screenshot, search, summary } from './flamePage';

// A profile whose function and file names are markup, script and javascript: URLs
// (written with encodeProfile, decoded by gomem's decoder) renders them as text in
// the real browser, under the host's CSP, and runs nothing.
const { skip, open } = browserForFile();

const IMG = 'main.<img src=x onerror=alert(1)>';
const SCRIPT = 'main.</script><script>alert(2)</script>';
const JS = 'javascript:alert(3)//main.f';
const STYLE = 'main.<style>*{display:none}</style>';
const FILES: Record<string, string> = {
  [IMG]: '"><img src=x onerror=alert(4)>.go',
  [SCRIPT]: 'javascript:alert(5)',
  [JS]: '</script><svg onload=alert(6)>.go',
};

test('hostile names are drawn and shown as text: no dialog, no new elements, no errors', { skip }, async () => {
  const tree = stacksTree(
    [
      [['main.main', IMG, SCRIPT], [1, 100]],
      [['main.main', JS], [1, 80]],
      [['main.main', STYLE], [1, 60]],
    ],
    undefined,
    FILES,
  );
  const fp = await open();
  const { page } = fp;
  try {
    // Count elements before, and watch for any element a name could have created.
    await page.evaluate(() => {
      const w = window as unknown as { __added: string[] };
      w.__added = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && /^(IMG|SCRIPT|SVG|STYLE|IFRAME|A)$/i.test(n.tagName)) w.__added.push(n.outerHTML);
      }).observe(document, { childList: true, subtree: true });
    });
    let s = await init(page, tree, { profileName: '<img src=x onerror=alert(7)>.pb.gz', state: { sampleTypeIndex: 1 } });
    for (const name of [IMG, SCRIPT, JS, STYLE]) assert.equal(findFrame(s.main, name).name, name, 'the name arrives as it is');
    assert.equal(findFrame(s.main, JS).label.includes('javascript:alert(3)'), true, 'drawn as its text');
    // Tooltip, selection bar, breadcrumb, chips, search status: every place a name goes.
    const f = findFrame(s.main, IMG);
    const at = await frameCenter(page, f);
    await page.mouse.move(at.x, at.y);
    assert.ok((await page.locator('.flame-tooltip').innerText()).includes(`${IMG}\n${FILES[IMG]}:`));
    s = await after(page, () => page.mouse.click(at.x, at.y));
    assert.deepEqual(await page.locator('.flame-breadcrumb .crumb').last().innerText(), 'main.<img src=x onerror=alert(1)>');
    s = await after(page, () => page.keyboard.press('Escape'));
    const selectScript = async () => {
      const at2 = await frameCenter(page, findFrame((await summary(page)).main, SCRIPT));
      await after(page, () => page.mouse.click(at2.x, at2.y, { button: 'right' }));
    };
    await selectScript();
    assert.equal(await page.locator('.flame-selected').innerText(), SCRIPT);
    await after(page, () => page.keyboard.press('s'));
    assert.ok((await page.locator('.flame-sandwich').innerText()).includes(`Callers of ${SCRIPT}`));
    await after(page, () => page.keyboard.press('Escape'));
    await selectScript();
    await after(page, () => page.keyboard.press('h'));
    assert.ok((await page.locator('.chip').innerText()).includes(SCRIPT));
    assert.match((await search(page, '<img|javascript:')).search.status, /^2 frames/);
    await screenshot(page, 'flame-hostile');
    assert.equal(await page.locator('.flame-title').innerText(), '<img src=x onerror=alert(7)>.pb.gz');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __added: string[] }).__added), [], 'no element came from a name');
    assert.equal(await page.locator('img, svg, iframe, body script:not([nonce])').count(), 0);
    assert.ok((await posted(page)).every((m) => ['ready', 'state', 'openLocation', 'setSampleType', 'compare'].includes(String(m.type))));
    assert.deepEqual(fp.problems, [], 'no dialog, no console error, no CSP violation');
    assert.ok((await summary(page)).nodes > 0);
  } finally {
    await fp.close();
  }
});

test('a malformed tree is refused with a message, not drawn', { skip }, async () => {
  const tree = stacksTree([[['main.a', 'main.b'], [1, 1]]]);
  const fp = await open();
  try {
    const broken = { ...tree, parent: Int32Array.from(tree.parent, (p, i) => (i === 2 ? 5 : p)) };
    await fp.page.evaluate((m) => window.postMessage(m, '*'), { type: 'init', profileName: 'x', tree: broken } as unknown as Record<string, unknown>);
    await fp.page.locator('.flame-message', { hasText: 'Cannot show this flame graph' }).waitFor();
    assert.match(await fp.page.locator('.flame-message').innerText(), /node 2 is not in preorder/);
    assert.deepEqual(fp.problems, []);
  } finally {
    await fp.close();
  }
});
