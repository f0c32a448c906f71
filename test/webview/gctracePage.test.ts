import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseGcTrace } from '../../src/core/gctrace/parseLog';
import { summarizeGcTrace } from '../../src/core/gctrace/summary';
import type { HostToGcTrace } from '../../src/protocol/gctraceView';
import { goldenPath } from '../support/goTools';
import { browserForFile, panelPage } from './flamePage';

/**
 * The GC trace summary page in headless Chromium under the host's CSP, fed
 * the committed real run (golden/gcchurn.gctrace) as the host sends it:
 * every cycle gets a row, the charts draw, a click asks the host for the
 * cycle's line, and hostile text from a log stays text.
 */
// The flame test page (the host's CSP, the acquireVsCodeApi stand-in, theme variables) with this page's bundle and styles.
const PAGE = '/test/webview/pages/gctrace.html';
const { skip, browser, url } = browserForFile(panelPage('gctrace'));

const HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';
const text = readFileSync(goldenPath('gcchurn.gctrace'), 'utf8') + `\ngc 99 @${HOSTILE}\n`;
const log = parseGcTrace(text);

async function openPage(canReveal: boolean): Promise<{ page: Page; problems: string[] }> {
  const page = await browser().newPage({ viewport: { width: 1100, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${url()}${PAGE}`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  await page.evaluate(() => {
    const w = window as unknown as { __added: string[] };
    w.__added = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && /^(IMG|SCRIPT|SVG|IFRAME|STYLE)$/i.test(n.tagName)) w.__added.push(n.outerHTML);
    }).observe(document, { childList: true, subtree: true });
  });
  const restore = canReveal ? RESTORE : undefined;
  const m: HostToGcTrace = { type: 'init', name: `stderr ${HOSTILE}.log`, cycles: log.cycles, summary: summarizeGcTrace(log), malformed: log.malformed, canReveal, restore };
  await page.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);
  await page.waitForSelector('table.cycles tbody tr');
  return { page, problems };
}

/** Where a summarised log is, as the host sends it: lines 3–61 of a file. */
const RESTORE = { uri: 'file:///w/run.gctrace', lines: [2, 60] as [number, number] };

/** What the page left in its state (the test page keeps it in sessionStorage, as VS Code keeps it). */
async function savedState(page: { evaluate<T>(f: () => T): Promise<T> }): Promise<unknown> {
  return JSON.parse((await page.evaluate(() => sessionStorage.getItem('gomem-test-webview-state'))) ?? 'null');
}

test('the committed run: a row per cycle, cards with the summary, both charts drawn, hostile text as text', { skip }, async () => {
  const { page, problems } = await openPage(true);
  try {
    assert.equal(await page.locator('table.cycles tbody tr').count(), 46);
    const row36 = await page.locator('table.cycles tbody tr', { has: page.locator('a.cycle', { hasText: /^36$/ }) }).innerText();
    assert.match(row36, /^36\s+0\.420 s\s+17%\s+159 ms\s+4\.6 ms\s+0\.007 ms\s+21 → 46 → 30 MB\s+24 MB\s+2/);
    const cards = await page.locator('.cards').innerText();
    assert.match(cards, /GC cycles\n46\n7 forced/);
    assert.match(cards, /Stop-the-world pauses\n159 ms\nmax \(gc 36\)/);
    assert.match(cards, /GC CPU\n13%/);
    // The charts put ink on their canvases.
    for (const i of [0, 1]) {
      const inked = await page.locator('canvas.chart').nth(i).evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let k = 3; k < d.length; k += 4) if (d[k] > 0) n++;
        return n;
      });
      assert.ok(inked > 500, `canvas ${i}: ${inked} pixels drawn`);
    }
    assert.equal(await page.locator('h1').innerText(), `stderr ${HOSTILE}.log`);
    assert.match(await page.locator('ol.malformed').innerText(), new RegExp(`line ${text.split('\n').length - 1}: gc 99 @${HOSTILE.replace(/[()[\]/.*+?^$|\\]/g, '\\$&')}`));
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __added: string[] }).__added), []);
    await page.locator('a.cycle[data-line="14"]').click();
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(posted.at(-1), { type: 'revealLine', line: 14 });
    assert.deepEqual(await savedState(page), RESTORE, 'where the log is, kept for VS Code to restore the panel');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('without a log to reveal in (canReveal false), cycle numbers are plain text', { skip }, async () => {
  const { page, problems } = await openPage(false);
  try {
    assert.equal(await page.locator('a.cycle').count(), 0);
    assert.equal(await page.locator('table.cycles tbody tr').first().locator('td').first().innerText(), '1');
    assert.equal(await savedState(page), null, 'a log that cannot be read again: nothing to restore');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
