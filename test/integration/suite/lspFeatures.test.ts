import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import { until } from './until';

/**
 * The language server's editor features through VS Code's own provider
 * commands, and recovery when the server process dies. Values are go tool
 * pprof's for the golden heap profile (alloc_space, main.go:94 = 6553600 B).
 */
let api: GomemApi;
let mainGo: vscode.Uri;


const labelText = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const hoverText = (hs: vscode.Hover[]) => hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

async function inlayHints(): Promise<vscode.InlayHint[]> {
  const doc = await vscode.workspace.openTextDocument(mainGo);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', mainGo, new vscode.Range(0, 0, doc.lineCount, 0))) ?? [];
}

describe('language server features in VS Code', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension<GomemApi>('gomem.gomem');
    assert.ok(ext);
    api = await ext.activate();
    mainGo = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'main.go');
    await vscode.commands.executeCommand('gomem.openProfile', path.join(ext.extensionPath, 'test', 'fixtures', 'golden', 'heap.pb.gz'));
    await vscode.commands.executeCommand('gomem.switchSampleType', 'alloc_space');
    await vscode.window.showTextDocument(mainGo);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('gomem').update('inlineValues.style', undefined, vscode.ConfigurationTarget.Global);
    while (api.profiles().profiles.length) await vscode.commands.executeCommand('gomem.closeProfile');
  });

  it('inlay hints come from the server when the style is inlayHints, and not otherwise', async () => {
    assert.equal((await inlayHints()).filter((h) => /objs/.test(labelText(h))).length, 0, 'decorations style: no duplicate hints');
    await vscode.workspace.getConfiguration('gomem').update('inlineValues.style', 'inlayHints', vscode.ConfigurationTarget.Global);
    const hints = await until('inlay hints', async () => {
      const hs = await inlayHints();
      return hs.some((h) => labelText(h) === '6.25 MB · 100 objs') ? hs : undefined;
    });
    const line94 = hints.find((h) => labelText(h) === '6.25 MB · 100 objs');
    assert.equal(line94?.position.line, 93);
    assert.ok(hints.some((h) => h.position.line === 85 && labelText(h) === '4 MB · 1 objs'));
    await until('no decoration text in inlayHints style', () => (api.decorationsFor(mainGo).lines.length > 0 ? true : undefined));
  });

  it('hover shows every sample type and the call paths', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', mainGo, new vscode.Position(93, 6));
    const text = hoverText(hovers);
    assert.match(text, /\*\*alloc\\_space\*\* \| 6\.25 MB \(59\.8%\)/);
    assert.match(text, /inuse\\_objects/);
    assert.match(text, /Top call paths into this line/);
    assert.match(text, /main\.go#L94\)/);
  });

  it('code lenses carry function totals', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', mainGo);
    const doc = await vscode.workspace.openTextDocument(mainGo);
    const decl = doc.getText().split('\n').findIndex((l) => l.startsWith('func garbageLoop('));
    const lens = lenses.find((l) => l.range.start.line === decl);
    assert.equal(lens?.command?.title, 'alloc_space: 6.25 MB (59.8%) · self 6.25 MB');
    assert.equal(lens?.command?.command, 'gomem.showFunction');
  });

  it('a killed server restarts and reloads its profiles', async () => {
    const before = await api.serverInfo();
    assert.ok(before?.pid);
    process.kill(before.pid, 'SIGKILL');
    const after = await until('a new server process', async () => {
      const info = await api.serverInfo();
      return info && info.pid !== before.pid && info.profiles === 1 ? info : undefined;
    });
    assert.equal(after.profiles, 1);
    const p = await until('the client learns the reloaded state', () => api.profiles().profiles.find((x) => x.name === 'heap.pb.gz'));
    assert.equal(p.sampleTypes[p.sampleTypeIndex].type, 'alloc_space', 'the sample type survives the restart');
    await until('hints again after the restart', async () => ((await inlayHints()).some((h) => labelText(h) === '6.25 MB · 100 objs') ? true : undefined));
  });
});
