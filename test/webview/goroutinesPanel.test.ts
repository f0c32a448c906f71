import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compareSnapshots } from '../../src/core/goroutine/compare';
import { parseDebug2 } from '../../src/core/goroutine/parseDebug2';
import { readGoroutineSnapshot } from '../../src/core/goroutine/readSnapshot';
import type { HostToGoroutines } from '../../src/protocol/goroutineView';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { goldenPath } from '../support/goTools';
import { ARTIFACTS, browserForFile, panelPage } from './flamePage';

/**
 * The goroutine growth panel in headless Chromium under the host's CSP:
 * real captures render with the growing group first; names that are markup
 * stay text; a creation-site link asks the host to open exactly that place.
 */
/** The flame graph's test page (the host's CSP, the acquireVsCodeApi stand-in) with this panel's bundle and styles. */
const PAGE = '/test/webview/pages/goroutines.html';
const { skip, open } = browserForFile(panelPage('goroutines'));

/** The panel, given what the host sends after `ready`. */
async function openPanel(init: HostToGoroutines) {
  const p = await open({ page: PAGE, width: 1100, height: 700 });
  await p.page.evaluate((m) => window.postMessage(m, '*'), init as unknown as Record<string, unknown>);
  await p.page.waitForSelector('table.groups');
  return p;
}

test('real captures: the growing group first, counts per snapshot, creation site linked', { skip }, async () => {
  const read = (n: string) => ({ name: n, snapshot: readGoroutineSnapshot(readFileSync(goldenPath(`goroutines/${n}`)), n, { gunzip: zlibGunzip }) });
  const comparison = compareSnapshots([read('goroutineleak-debug1.txt'), read('goroutine.pb.gz')]);
  const site = comparison.rows.find((r) => r.frames[0]?.function === 'main.parkOnTimer')!.creation!.frame;
  const paths = ['/w/.gomem/goroutineleak-debug1.txt', '/w/.gomem/goroutine.pb.gz'];
  const p = await openPanel({ type: 'init', title: 'Goroutines — test', comparison, localFiles: { [site.file]: site.file }, paths });
  try {
    const rows = await p.page.locator('tr.group').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText)));
    assert.equal(rows.length, comparison.rows.length);
    assert.deepEqual(rows[0].slice(0, 3), [`+${comparison.rows[0].delta}`, ...comparison.rows[0].counts.map(String)]);
    await p.page.locator(`td.creation a.location[data-file="${site.file}"][data-line="${site.line}"]`).first().click();
    const posted = await p.page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(posted.at(-1), { type: 'openLocation', file: site.file, line: site.line });
    // What VS Code keeps to restore the panel after a reload: the files compared.
    const saved = JSON.parse((await p.page.evaluate(() => sessionStorage.getItem('gomem-test-webview-state'))) ?? '{}');
    assert.deepEqual(saved, { paths });
    await p.page.screenshot({ path: path.join(ARTIFACTS, 'goroutines-panel.png') });
    assert.deepEqual(p.problems, []);
  } finally {
    await p.close();
  }
});

test('names that are markup are shown as text and run nothing', { skip }, async () => {
  const IMG = 'main.<img src=x onerror=alert(1)>';
  const SCRIPT = 'main.</script><script>alert(2)</script>';
  const dump = `goroutine 5 [chan receive <b>x</b>]:\n${IMG}(0x1)\n\t/src/"><img src=x onerror=alert(3)>.go:7 +0x1\ncreated by ${SCRIPT} in goroutine 1\n\t/src/javascript:alert(4).go:9 +0x2\n\n`;
  const comparison = compareSnapshots([{ name: '<img src=x onerror=alert(5)>', snapshot: parseDebug2(dump, 'hostile') }]);
  const p = await openPanel({ type: 'init', title: '<script>alert(6)</script>', comparison, localFiles: { '/src/javascript:alert(4).go': '/x.go' }, paths: ['/w/dump.txt'] });
  try {
    const text = await p.page.locator('#app').innerText();
    for (const s of [IMG, SCRIPT, 'chan receive <b>x</b>', '<script>alert(6)</script>', '<img src=x onerror=alert(5)>']) assert.ok(text.includes(s), s);
    assert.equal(await p.page.locator('img, svg, iframe, b, body script:not([nonce])').count(), 0);
    assert.deepEqual(p.problems, []);
  } finally {
    await p.close();
  }
});
