import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EscapeSiteInfo } from '../../../src/protocol/types';
import { gomem, until } from './captureSupport';
import { requestScreenshot } from './screenshot';
import { tokenize } from './textmate';

/**
 * Escape analysis in a real VS Code: opening the workspace's main.go (the
 * allocs fixture) runs the compiler; its findings arrive as diagnostics with
 * the bytes the golden heap profile measured on each line (go tool pprof's
 * numbers: main.go:94 allocates 6553600 B in 100 objects, 59.8% of
 * alloc_space), hovers explain them, the costliest site opens, and the raw
 * compiler output is a highlighted document with links.
 */
let mainGo: vscode.Uri;
const MAKE_94 = 'make([]byte, 65536) escapes to heap';

const escapeDiagnostics = () => vscode.languages.getDiagnostics(mainGo).filter((d) => d.source === 'go escape');
const hoverText = (hs: vscode.Hover[]) => hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('escape analysis in VS Code', function () {
  this.timeout(180_000);

  before(async () => {
    const api = await gomem();
    const ext = vscode.extensions.getExtension('gomem.gomem')!;
    mainGo = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'main.go');
    await vscode.commands.executeCommand('gomem.openProfile', path.join(ext.extensionPath, 'test', 'fixtures', 'golden', 'heap.pb.gz'));
    await until('the profile to load', () => api.profiles().profiles.length > 0);
    await vscode.window.showTextDocument(mainGo);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('gomem').update('escape.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    while ((await gomem()).profiles().profiles.length) await vscode.commands.executeCommand('gomem.closeProfile');
  });

  it('opening a Go file runs the compiler: diagnostics with the measured bytes appear', async () => {
    const d = await until('escape diagnostics with bytes on main.go:94', () => escapeDiagnostics().find((x) => x.message.startsWith(`${MAKE_94} — `)));
    assert.equal(d.message, `${MAKE_94} — 6.25 MB · 100 objs, 59.8% of alloc_space`);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.severity, d.code], [93, 18, vscode.DiagnosticSeverity.Information, 'escapes-to-heap']);
    assert.equal(d.relatedInformation, undefined, 'the reason chain is in the hover');
    const leak = escapeDiagnostics().find((x) => x.code === 'leaking-param');
    assert.equal(leak?.severity, vscode.DiagnosticSeverity.Hint);
    const editor = await vscode.window.showTextDocument(mainGo);
    editor.revealRange(new vscode.Range(85, 0, 95, 0), vscode.TextEditorRevealType.InCenter);
    await requestScreenshot('escape-diagnostics');
  });

  it('hover shows the compiler\'s reason chain, each step a link to its line', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', mainGo, new vscode.Position(93, 20));
    const text = hoverText(hovers).replace(/\\(.)/g, '$1'); // markdown escapes off: compare plain text
    assert.ok(text.includes(`**${MAKE_94} — 6.25 MB · 100 objs, 59.8% of alloc_space**`), text);
    assert.ok(text.includes('Why:'));
    assert.match(text, /`flow: \{heap\} ← &\{storage for make\(\[\]byte, 65536\)\}:` \[main\.go:94\]\(file:\/\/\/.*\/main\.go#L94\)/);
    assert.ok(text.includes('`from sinkBytes = make([]byte, 65536) (assign)`'));
    const editor = await vscode.window.showTextDocument(mainGo, { selection: new vscode.Range(93, 20, 93, 20) });
    editor.revealRange(new vscode.Range(93, 0, 93, 0), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1500));
    await requestScreenshot('escape-hover');
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  });

  it('Costliest Escapes lists the module\'s sites by measured bytes and opens the chosen one', async () => {
    const sites = await vscode.commands.executeCommand<EscapeSiteInfo[]>('gomem.showCostliestEscapes', { open: 0 });
    assert.ok(sites.length >= 8, `${sites.length} sites`);
    assert.deepEqual(sites.map((s) => s.bytes), [...sites.map((s) => s.bytes)].sort((a, b) => b - a));
    assert.equal(sites[0].line, 93);
    assert.match(sites[0].label, new RegExp(`^${MAKE_94.replace(/[()[\]]/g, '\\$&')} — 6\\.25 MB`));
    const editor = await until('the costliest site to open', () => (vscode.window.activeTextEditor?.selection.active.line === 93 ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.uri.fsPath, mainGo.fsPath);
  });

  it('Show Compiler Output opens the -m text, highlighted by kind, its paths as links', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('gomem.showCompilerOutput');
    const doc = editor.document;
    assert.equal(doc.languageId, 'go-compiler-output');
    assert.match(doc.getText(), /\.\/main\.go:94:19: make\(\[\]byte, 65536\) escapes to heap/);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('./main.go:94:19: make'));
    const link = links.find((l) => l.range.start.line === line);
    assert.equal(link?.target?.fsPath, mainGo.fsPath);
    assert.equal(link?.target?.fragment, 'L94,19');
    const tokens = await tokenize('go-compiler-output', doc.getText().split('\n'));
    const scopesOf = (text: string) => tokens.filter((t) => t.text === text).flatMap((t) => t.scopes);
    assert.ok(scopesOf('escapes to heap').includes('markup.deleted.heap.go-compiler-output'), JSON.stringify(tokens.slice(0, 20)));
    assert.ok(scopesOf('does not escape').includes('markup.inserted.stack.go-compiler-output'));
    assert.ok(scopesOf('leaking param').includes('markup.changed.leak.go-compiler-output'));
    assert.ok(scopesOf('./main.go').some((s) => s?.startsWith('string.unquoted.path')));
    await requestScreenshot('escape-compiler-output');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the toggle command clears the annotations for the workspace and brings them back', async () => {
    await vscode.window.showTextDocument(mainGo);
    assert.equal(await vscode.commands.executeCommand('gomem.toggleEscapes'), false);
    await until('escape diagnostics to clear', () => escapeDiagnostics().length === 0);
    assert.equal(vscode.workspace.getConfiguration('gomem').inspect('escape.enabled')?.workspaceValue, false);
    assert.equal(await vscode.commands.executeCommand('gomem.toggleEscapes'), true);
    await until('escape diagnostics to return', () => escapeDiagnostics().length > 0);
  });
});
