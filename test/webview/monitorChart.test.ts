import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { formatValue } from '../../src/core/format/units';
import { endpointFromUrl } from '../../src/node/capture';
import { MemoryMonitor } from '../../src/node/monitor';
import type { HostToMonitor, MonitorView } from '../../src/protocol/monitor';
import { until } from '../integration/suite/until';
import { startPprofServer, type PprofServer } from '../support/fixtureServer';
import { skipUnlessGo } from '../support/goTools';
import { chromiumMissing, launchChromium, panelPage, startServer } from './flamePage';

/**
 * The live chart page in headless Chromium (the flame test page made the
 * monitor's by panelPage: the host's CSP and a stand-in for acquireVsCodeApi), fed with points the
 * real poller read from the pprofserver fixture while it grew its heap.
 */
const skip = chromiumMissing() || skipUnlessGo();
let browser: Browser;
let pages: Awaited<ReturnType<typeof startServer>>;
let fixture: PprofServer;
let view: MonitorView;

before(async () => {
  if (skip) return;
  [pages, browser, fixture] = await Promise.all([startServer(panelPage('monitor')), launchChromium(), startPprofServer()]);
  const m = new MemoryMonitor(endpointFromUrl(fixture.pprofUrl), { intervalMs: 200, thresholds: { heapGrowthPercent: 100, windowSeconds: 60, gcPauseMs: 0, goroutines: 0 } });
  void m.start();
  await until('two polls', () => m.series.points.length >= 2, 30_000);
  await fixture.control('/grow?mb=32');
  await until('the breach', () => m.breaches.length === 1, 30_000);
  const n = m.series.points.length;
  await until('two more polls', () => m.series.points.length >= n + 2, 30_000);
  m.stop();
  view = { target: '<img src=x onerror="alert(1)">', intervalSeconds: 0.2, windowSeconds: 60, points: m.series.points, breaches: m.breaches };
});
after(async () => {
  fixture?.stop();
  await browser?.close();
  await pages?.close();
});

async function open(): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 900, height: 1100 } })).newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${pages.url}/test/webview/pages/monitor.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  return { page, problems };
}

const post = (page: Page, m: HostToMonitor) => page.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);
const text = (page: Page, sel: string) => page.$$eval(sel, (els) => els.map((e) => e.textContent ?? ''));

/** Pixels of the chart's heap line (the fallback colour "blue": the test theme has no chart colours). */
function bluePixels(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => {
    const c = document.querySelectorAll('canvas.chart')[i] as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let k = 0; k < d.length; k += 4) if (d[k + 2] > 180 && d[k] < 80 && d[k + 1] < 80) n++;
    return n;
  }, index);
}

test('the page says ready, then draws the history: cards, four charts, the breach; the target is text', { skip }, async () => {
  const { page, problems } = await open();
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted), [{ type: 'ready' }]);
  await post(page, { type: 'init', view });
  await page.waitForSelector('ol.breaches li');
  const last = view.points[view.points.length - 1];
  const cards = await text(page, '.card-value');
  assert.equal(cards[0], formatValue(last.heapInuse, 'bytes'));
  assert.equal(cards[3], String(last.numGC));
  assert.equal(cards[5], String(last.goroutines));
  assert.match((await text(page, 'ol.breaches li'))[0], /heap in use grew \d+% within 60 s \(limit 100%\)/);
  assert.equal(await page.$$eval('canvas.chart', (c) => c.length), 4);
  assert.ok((await bluePixels(page, 0)) > 200, 'the heap line is drawn');
  assert.equal((await text(page, 'h1'))[0], `Memory monitor — ${view.target}`);
  assert.equal(await page.$$eval('img', (i) => i.length), 0, 'no element made from the target');
  assert.deepEqual(problems, []);
  await page.screenshot({ path: 'test-results/webview/monitor-chart.png' });
});

test('a new point updates the cards; stopped says why', { skip }, async () => {
  const { page, problems } = await open();
  await post(page, { type: 'init', view });
  await page.waitForSelector('ol.breaches li');
  const last = view.points[view.points.length - 1];
  await post(page, { type: 'point', point: { ...last, atMs: last.atMs + 200, heapInuse: 3 * 1024 ** 3, goroutines: 1234 } });
  await page.waitForFunction(() => document.querySelector('.card-value')?.textContent === '3 GB');
  assert.equal((await text(page, '.card-value'))[5], '1234');
  await post(page, { type: 'stopped', reason: 'the target is gone' });
  await page.waitForFunction(() => document.querySelector('p.muted')?.textContent === 'Stopped: the target is gone');
  assert.deepEqual(problems, []);
});
