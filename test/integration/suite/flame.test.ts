import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import { layoutFlame } from '../../../src/core/flame/layout';
import { decodeProfile } from '../../../src/core/pprof/decode';
import { buildFlameTree } from '../../../src/core/pprof/flameTree';
import { buildTables } from '../../../src/core/pprof/tables';
import type { FlameTree } from '../../../src/protocol/flame';
import { requestScreenshot } from './screenshot';
import { webviewAction } from './webviewAction';
import { until } from './until';

/**
 * The flame graph in a real VS Code: it opens beside the editor, and a real
 * double-click on a frame (performed by the runner inside the webview)
 * opens that frame's source at its line.
 */
const ROW_PX = 18; // src/webview-ui/flame/flameView.ts ROW
let api: GomemApi;
let golden: string;
let mainGo: vscode.Uri;


function flameTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('gomem.flameGraph'));
}

/** The node at depth d under the middle of the full-width graph, as the webview lays it out. */
function nodeUnderMiddle(tree: FlameTree, type: number, depth: number): number {
  const { x, width } = layoutFlame(tree, type);
  const mid = width[0] / 2;
  for (let i = 0; i < tree.parent.length; i++) if (tree.depth[i] === depth && x[i] <= mid && mid < x[i] + width[i]) return i;
  return -1;
}

describe('flame graph', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension<GomemApi>('gomem.gomem')!;
    api = await ext.activate();
    golden = path.join(ext.extensionPath, 'test', 'fixtures', 'golden', 'heap.pb.gz');
    mainGo = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'main.go');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('gomem.openProfile', golden);
    await vscode.commands.executeCommand('gomem.switchSampleType', 'alloc_space');
    await vscode.window.showTextDocument(mainGo, { viewColumn: vscode.ViewColumn.One });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    while (api.profiles().profiles.length) await vscode.commands.executeCommand('gomem.closeProfile');
  });

  it('opens beside the editor', async () => {
    await vscode.commands.executeCommand('gomem.showFlameGraph');
    const tab = await until('a flame graph tab', () => flameTabs()[0]);
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'beside the Go file in column one');
    assert.match(tab.label, /heap\.pb\.gz/);
  });

  it('a double-click on a frame opens its source at the line', async () => {
    const p = decodeProfile(fs.readFileSync(golden));
    const tree = buildFlameTree(p, buildTables(p).functions);
    const type = tree.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    // The first frame under the middle that belongs to the fixture's main.go.
    let depth = 1;
    let node = -1;
    for (; depth < 10; depth++) {
      node = nodeUnderMiddle(tree, type, depth);
      if (node > 0 && tree.files[tree.file[node]].endsWith('/allocs/main.go')) break;
    }
    assert.ok(node > 0, 'a main.go frame under the middle');
    await vscode.window.showTextDocument(mainGo, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const outcome = await until('the webview to draw', async () => {
      const o = await webviewAction(`flame-dblclick-${Date.now()}`, {
        selector: 'canvas.flame-canvas',
        action: 'dblclick',
        xFraction: 0.5,
        yPx: depth * ROW_PX + ROW_PX / 2,
      });
      return o === undefined || o.ok ? o ?? { ok: true } : undefined;
    });
    assert.ok(outcome.ok);
    const editor = await until('main.go opened by the flame graph', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === mainGo.fsPath),
    );
    assert.equal(editor.selection.active.line + 1, tree.line[node], `${tree.names[tree.name[node]]} at main.go:${tree.line[node]}`);
    assert.notEqual(editor.viewColumn, flameTabs()[0]?.group.viewColumn, 'the source opens beside the panel, not over it');
    await requestScreenshot('flame-graph-beside-code');
  });
});
