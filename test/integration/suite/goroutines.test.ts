import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import type { GoroutineComparison } from '../../../src/core/goroutine/compare';
import { startPprofServer, type PprofServer } from '../../support/fixtureServer';
import { goAvailable, goldenPath } from '../../support/goTools';
import { gomem, listed, skipOrFail, until, workspaceDir } from './captureSupport';
import { requestScreenshot } from './screenshot';
import { webviewAction } from './webviewAction';

/**
 * Goroutine growth in a real VS Code: the pprofserver fixture leaks one
 * goroutine every 200 ms in parkOnTimer. "Compare Goroutines" captures two
 * goroutine profiles a few seconds apart into .gomem/ and opens a panel with
 * the leaking group first; run again without arguments it compares the
 * target's latest two captures; a click on the creation site opens it.
 */
describe('goroutine growth', function () {
  this.timeout(120_000);
  let api: GomemApi;
  let server: PprofServer;
  let first: GoroutineComparison;

  before(async function () {
    if (!goAvailable()) return skipOrFail(this, 'go not found');
    api = await gomem();
    server = await startPprofServer({ leakEvery: '200ms' });
    await until('a few leaked goroutines', async () => (await server.leaked()) >= 3);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    server?.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Compare Goroutines with a target: two captures, the leaking group first', async () => {
    const before = await server.leaked();
    const cmp = await vscode.commands.executeCommand<GoroutineComparison>('gomem.compareGoroutines', { target: `127.0.0.1:${server.pprofPort}`, intervalSeconds: 2 });
    const after = await server.leaked();
    assert.ok(cmp, 'the command resolves with the comparison');
    const top = cmp.rows[0];
    assert.equal(top.frames[0].function, 'main.parkOnTimer');
    assert.equal(top.status, 'grew');
    // Each capture holds every goroutine leaked before it; the fixture counted them around the command.
    assert.ok(top.counts[0] >= before && top.counts[1] <= after && top.counts[0] <= top.counts[1], `counts ${top.counts} within ${before}…${after}`);
    assert.ok(top.delta >= 5, `2 s at one leak per 200 ms, got ${top.delta}`);
    assert.equal(top.delta, top.counts[1] - top.counts[0]);
    assert.deepEqual(api.goroutineComparison()?.comparison.rows[0], top, 'the panel shows what the command returned');
    for (const s of cmp.snapshots) await listed(api, path.join(workspaceDir(), '.gomem', s.name));
    await until('the goroutines panel', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('gomem.goroutines')));
    first = cmp;
  });

  it('a click on the leaking group\'s creation site opens its line', async function () {
    if (!first) this.skip();
    await clickCreationSite(first);
    await requestScreenshot('goroutine-growth');
  });

  it('Compare Goroutines without arguments: the latest two captures of the target', async function () {
    if (!first) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const cmp = await vscode.commands.executeCommand<GoroutineComparison>('gomem.compareGoroutines');
    assert.ok(cmp);
    assert.deepEqual(cmp.snapshots.map((s) => s.name), first.snapshots.map((s) => s.name));
    assert.deepEqual(cmp.rows[0].counts, first.rows[0].counts);
    await clickCreationSite(cmp); // the new panel rendered
  });

  it('Compare Goroutine Files… from the Explorer on one debug=2 dump: its groups, by state and creator', async function () {
    const dump = path.join(workspaceDir(), 'goroutine-dump.txt');
    fs.copyFileSync(goldenPath('goroutines/debug2.txt'), dump);
    const uri = vscode.Uri.file(dump);
    const cmp = await vscode.commands.executeCommand<GoroutineComparison>('gomem.compareGoroutineFiles', uri, [uri]);
    assert.ok(cmp);
    assert.deepEqual(cmp.snapshots.map((s) => [s.name, s.source]), [['goroutine-dump.txt', 'debug2']]);
    assert.equal(cmp.groupedBy, 'stack+state');
    const park = cmp.rows.find((r) => r.frames[0]?.function === 'main.parkOnTimer')!;
    assert.equal(park.state, 'chan receive');
    assert.equal(park.creation?.kind, 'created-by');
    assert.equal(park.creation?.frame.function, 'main.leakOnTimer');
    assert.equal(park.counts[0], fs.readFileSync(dump, 'utf8').match(/^main\.parkOnTimer\(/gm)!.length);
    // The same files again: the panel that shows them comes forward, no second one.
    const again = await vscode.commands.executeCommand<GoroutineComparison>('gomem.compareGoroutineFiles', uri, [uri]);
    assert.deepEqual(again, cmp);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const panels = () => tabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('gomem.goroutines') && t.label === 'Goroutines — goroutine-dump.txt');
    await until('the panel in the tabs', () => panels().length > 0).catch(() => undefined);
    assert.equal(panels().length, 1, JSON.stringify(tabs().map((t) => [t.label, (t.input as { viewType?: string })?.viewType])));
  });

  it('Capture Goroutine Leak Profile: the leaked goroutines, shown as groups', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const leaky = await startPprofServer({ leakEvery: '200ms', leakProfile: true });
    try {
      await until('a few leaked goroutines', async () => (await leaky.leaked()) >= 3);
      const before = await leaky.leaked();
      const file = await vscode.commands.executeCommand<string>('gomem.captureGoroutineLeak', { target: `127.0.0.1:${leaky.pprofPort}` });
      const after = await leaky.leaked();
      assert.ok(file);
      assert.match(path.basename(file), /^goroutineleak-127\.0\.0\.1_\d+-\d{8}-\d{6}(-\d+)?\.pb\.gz$/);
      assert.equal((await listed(api, file)).kind, 'goroutineleak');
      const shown = await until('the leak panel', () => (api.goroutineComparison()?.comparison.snapshots[0].name === path.basename(file) ? api.goroutineComparison() : undefined));
      const rows = shown.comparison.rows;
      assert.equal(shown.comparison.snapshots[0].profile, 'goroutineleak');
      assert.deepEqual(rows.map((r) => r.frames[0]?.function), ['main.parkOnTimer'], 'only the unreachable goroutines are leaked');
      assert.ok(rows[0].counts[0] >= before - 1 && rows[0].counts[0] <= after, `${rows[0].counts[0]} within ${before}…${after}`);
      // The panel drew that one group (a click on its count cell does nothing).
      await until('the leak panel to render its group', async () => {
        const o = await webviewAction(`goroutineleak-rendered-${Date.now()}`, { selector: 'table.groups tr.group td.count', action: 'click' });
        return o === undefined || o.ok ? true : undefined;
      });
      await requestScreenshot('goroutine-leak');
    } finally {
      leaky.stop();
    }
  });
});

/** Clicks the top group's creation-site link in the (only) goroutines panel and waits for that line to open. */
async function clickCreationSite(cmp: GoroutineComparison): Promise<void> {
  const site = cmp.rows[0].creation!.frame;
  const outcome = await until('the panel to render the creation-site link', async () => {
    const o = await webviewAction(`goroutines-click-${Date.now()}`, { selector: `tr.group td.creation a.location[data-file="${site.file}"][data-line="${site.line}"]`, action: 'click' });
    return o === undefined || o.ok ? (o ?? { ok: true }) : undefined;
  });
  assert.ok(outcome.ok);
  const editor = await until(`${site.file} opened`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === site.file));
  assert.equal(editor.selection.active.line + 1, site.line);
}
