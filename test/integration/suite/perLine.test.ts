import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import type { DecorationSpec } from '../../../src/core/view/lineDecorationSpec';
import { requestScreenshot } from './screenshot';
import { until } from './until';

/**
 * The per-line view in a real VS Code: open the golden heap profile (built
 * with -trimpath, so its paths resolve through the workspace's go.mod), open
 * the fixture's main.go, and read back what the extension decorated.
 * Line numbers and values are the ones go tool pprof reports for that file
 * (test/fixtures/golden/heap.*.top-lines.txt; README of the fixture).
 */
const EXT_ID = 'gomem.gomem';
let api: GomemApi;
let extPath: string;
let mainGo: vscode.Uri;


function lineOf(spec: DecorationSpec, line1: number) {
  return spec.lines.find((l) => l.line === line1 - 1);
}

/** Waits until the decoration spec of main.go satisfies `ok`. */
function decorated(what: string, ok: (s: DecorationSpec) => boolean): Promise<DecorationSpec> {
  return until(what, () => {
    const s = api.decorationsFor(mainGo);
    return ok(s) ? s : undefined;
  });
}

/** Scrolls main.go to the allocation sites and clears notifications, then asks for a picture. */
async function screenshot(name: string): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === mainGo.toString());
  editor?.revealRange(new vscode.Range(78, 0, 110, 0), vscode.TextEditorRevealType.AtTop);
  await vscode.commands.executeCommand('notifications.clearAll');
  await new Promise((r) => setTimeout(r, 400));
  await requestScreenshot(name);
}

describe('per-line view', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension<GomemApi>(EXT_ID);
    assert.ok(ext, `${EXT_ID} is installed`);
    api = await ext.activate();
    extPath = ext.extensionPath;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder (a copy of test/fixtures/allocs) is open');
    mainGo = vscode.Uri.joinPath(folder.uri, 'main.go');
  });

  it('opens a profile in the language server and decorates the Go file', async () => {
    const info = await vscode.commands.executeCommand<{ name: string; sampleTypes: { type: string }[] }>(
      'gomem.openProfile',
      path.join(extPath, 'test', 'fixtures', 'golden', 'heap.pb.gz'),
    );
    assert.equal(info?.name, 'heap.pb.gz');
    assert.equal(api.profiles().profiles.length, 1);
    await vscode.window.showTextDocument(mainGo);
    const spec = await decorated('inuse_space decorations', (s) => s.lines.length > 0);
    // main.allocBig keeps 4 MiB live at main.go:86: the hottest line in use.
    const big = lineOf(spec, 86);
    assert.equal(big?.text, '4 MB · 1 objs');
    assert.equal(big?.heat, 5);
    // garbageLoop's allocations (main.go:94) are not in use: not shown for inuse_space.
    assert.equal(lineOf(spec, 94), undefined);
    await screenshot('per-line-inuse');
  });

  it('follows the sample type', async () => {
    await vscode.commands.executeCommand('gomem.switchSampleType', 'alloc_space');
    const spec = await decorated('alloc_space decorations', (s) => lineOf(s, 94) !== undefined);
    assert.equal(lineOf(spec, 94)?.text, '6.25 MB · 100 objs');
    assert.equal(lineOf(spec, 94)?.heat, 5);
    assert.equal(lineOf(spec, 86)?.text, '4 MB · 1 objs');
    await vscode.commands.executeCommand('gomem.switchSampleType', 'alloc_objects');
    const objs = await decorated('alloc_objects decorations', (s) => lineOf(s, 94)?.text === '100');
    assert.equal(lineOf(objs, 86)?.text, '1');
    await vscode.commands.executeCommand('gomem.switchSampleType', 'alloc_space');
    await decorated('back to alloc_space', (s) => lineOf(s, 94)?.text === '6.25 MB · 100 objs');
    await screenshot('per-line-alloc-space');
  });

  it('moves with edits and marks a changed line stale', async () => {
    const editor = await vscode.window.showTextDocument(mainGo);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// inserted above\n'));
    const moved = await decorated('decorations moved down one line', (s) => lineOf(s, 95)?.text === '6.25 MB · 100 objs');
    assert.equal(lineOf(moved, 94), undefined);
    assert.equal(lineOf(moved, 87)?.stale, false);
    // Change the text of the allocBig line (now 87).
    await editor.edit((e) => e.insert(new vscode.Position(86, 0), ' '));
    const stale = await decorated('stale marker', (s) => lineOf(s, 87)?.stale === true);
    assert.match(lineOf(stale, 87)?.text ?? '', /\(stale\)$/);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await decorated('back in place after undo', (s) => lineOf(s, 86)?.stale === false && lineOf(s, 94) !== undefined);
  });

  it('clears when the profile is closed', async () => {
    await vscode.commands.executeCommand('gomem.closeProfile');
    await decorated('no decorations', (s) => s.lines.length === 0);
    assert.equal(api.profiles().profiles.length, 0);
  });

  it('opening a .pb.gz file shows the overview and loads the profile', async () => {
    const file = vscode.Uri.file(path.join(extPath, 'test', 'fixtures', 'golden', 'allocs.pb.gz'));
    await vscode.commands.executeCommand('vscode.openWith', file, 'gomem.profileOverview', vscode.ViewColumn.Beside);
    await until('the profile loaded by the custom editor', () => (api.profiles().profiles.some((p) => p.name === 'allocs.pb.gz') ? true : undefined));
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'gomem.profileOverview');
    assert.ok(tab, 'a gomem.profileOverview tab is open');
    await vscode.window.showTextDocument(mainGo, { viewColumn: vscode.ViewColumn.One });
    await decorated('allocs decorations', (s) => lineOf(s, 94)?.text === '6.25 MB · 100 objs');
    await screenshot('overview-and-lines');
  });
});
