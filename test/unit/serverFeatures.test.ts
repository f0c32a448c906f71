import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CodeLens, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { LoadProfileRequest, ServerInfoRequest } from '../../src/protocol/lsp';
import { SERVER_COMMANDS, type ProfileInfo, type ProfilesState } from '../../src/protocol/types';
import { fixtureDir, goldenPath, parsePprofTop } from '../support/goTools';
import { startServer, type ServerUnderTest } from '../support/lspClient';

/**
 * Inlay hints, hovers, code lenses and workspace/executeCommand, as Neovim or
 * Helix would use them, against the golden heap profile of the allocs fixture.
 * Expected numbers come from go tool pprof's text for the same file.
 */
const ws = fixtureDir('allocs');
const mainGo = join(ws, 'main.go');
const uri = pathToFileURL(mainGo).href;
const MOD = 'example.com/gomem/fixtures/allocs';
let s: ServerUnderTest;
let refreshes = 0;

const pprofLines = (type: string) => parsePprofTop(readFileSync(goldenPath(`heap.${type}.top-lines.txt`), 'utf8'));
const pprofFunctions = (type: string) => parsePprofTop(readFileSync(goldenPath(`heap.${type}.top.txt`), 'utf8'));

function exec<T>(command: string, ...args: unknown[]): Promise<T> {
  return s.conn.sendRequest('workspace/executeCommand', { command, arguments: args }) as Promise<T>;
}

function hints(startLine: number, endLine: number): Promise<InlayHint[]> {
  return s.conn.sendRequest('textDocument/inlayHint', {
    textDocument: { uri },
    range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: 0 } },
  }) as Promise<InlayHint[]>;
}

before(async () => {
  s = await startServer(ws, {
    capabilities: { workspace: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } },
    onRequest: { 'workspace/inlayHint/refresh': () => (refreshes++, null), 'workspace/codeLens/refresh': () => null },
  });
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(mainGo, 'utf8') } });
  await exec<ProfileInfo>(SERVER_COMMANDS.loadProfile, goldenPath('heap.pb.gz'));
  await exec<ProfileInfo>(SERVER_COMMANDS.setSampleType, 'alloc_space');
});

after(async () => s?.close());

test('executeCommand lists, loads and switches like the custom requests', async () => {
  const state = await exec<ProfilesState>(SERVER_COMMANDS.listProfiles);
  assert.equal(state.profiles.length, 1);
  assert.equal(state.profiles[0].sampleTypes[state.profiles[0].sampleTypeIndex].type, 'alloc_space');
  assert.ok(refreshes >= 1, 'a sample type change asks the client to refresh inlay hints');
});

test('inlay hints: end of line, active sample type, only the requested range', async () => {
  const got = await hints(80, 100);
  const byLine = new Map(got.map((h) => [h.position.line + 1, h]));
  const text = readFileSync(mainGo, 'utf8').split('\n');
  // pprof: main.allocBig main.go:86 flat 4194304; main.garbageLoop main.go:94 flat 6553600.
  assert.equal(byLine.get(86)?.label, '4 MB · 1 objs');
  assert.equal(byLine.get(94)?.label, '6.25 MB · 100 objs');
  assert.equal(byLine.get(94)?.position.character, text[93].length);
  for (const h of got) assert.ok(h.position.line >= 80 && h.position.line <= 100);
  const all = await hints(0, text.length);
  const expected = new Set(pprofLines('alloc_space').rows.filter((r) => r.file === `${MOD}/main.go`).map((r) => r.line));
  assert.deepEqual(new Set(all.map((h) => h.position.line + 1)), expected, 'a hint on every line pprof lists for main.go');
});

test('hover: every sample type, average size, call paths linking to source', async () => {
  const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 93, character: 4 } })) as Hover;
  const md = (h.contents as MarkupContent).value;
  // Names are Markdown-escaped (alloc\_space renders as alloc_space).
  assert.match(md, /\| \*\*alloc\\_space\*\* \| 6\.25 MB \(59\.8%\) \| 6\.25 MB \(59\.8%\) \|/);
  assert.match(md, /\| alloc\\_objects \| 100 \(7\.76%\) \| 100 \(7\.76%\) \|/);
  assert.match(md, /\| inuse\\_space \| 0 B \| 0 B \|/);
  assert.match(md, /Average object size: 64 kB \(alloc\)/);
  assert.match(md, new RegExp(`1\\. 6\\.25 MB \\(59\\.8%\\): \\[main\\\\\\.garbageLoop main\\\\\\.go:94\\]\\(${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#L94\\)`));
  assert.match(md, / ← \[main\\\.work main\\\.go:\d+\]/);
  assert.match(md, /runtime\\\.main/);
  const none = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(none, null, 'no hover on lines without values');
});

test('code lenses above profiled functions with pprof\'s function totals', async () => {
  const lenses = (await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  const fn = pprofFunctions('alloc_space').rows.find((r) => r.function === 'main.garbageLoop')!;
  const text = readFileSync(mainGo, 'utf8').split('\n');
  const declLine = text.findIndex((l) => l.startsWith('func garbageLoop('));
  const lens = lenses.find((l) => l.range.start.line === declLine);
  assert.ok(lens, `a lens on the func garbageLoop line (${declLine + 1})`);
  assert.equal(fn.cum, 6553600);
  assert.equal(lens.command?.title, 'alloc_space: 6.25 MB (59.8%) · self 6.25 MB');
  assert.equal(lens.command?.command, 'gomem.showFunction');
  for (const l of lenses) assert.match(text[l.range.start.line], /^func |func\(/, `lens on a func line: ${text[l.range.start.line]}`);
});

test('edits: hints and lenses move with inserted lines', async () => {
  s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// a\n// b\n// c\n' }],
  });
  const got = await hints(80, 110);
  assert.equal(got.find((h) => h.position.line + 1 === 97)?.label, '6.25 MB · 100 objs');
  assert.equal(got.find((h) => h.position.line + 1 === 94), undefined);
  const lenses = (await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  const text = readFileSync(mainGo, 'utf8').split('\n');
  assert.ok(lenses.some((l) => l.range.start.line === text.findIndex((x) => x.startsWith('func garbageLoop(')) + 3));
});

test('100 loads of a profile keep the server\'s memory flat', async () => {
  const m = await startServer(ws, { execArgv: ['--expose-gc'] });
  try {
    const heap = async () => (await m.conn.sendRequest(ServerInfoRequest, { gc: true })).heapUsedBytes;
    const empty = await heap();
    await m.conn.sendRequest(LoadProfileRequest, { path: goldenPath('allocs.pb.gz') });
    const one = await heap();
    for (let i = 0; i < 10; i++) await m.conn.sendRequest(LoadProfileRequest, { path: goldenPath('allocs.pb.gz') });
    const ten = await heap();
    for (let i = 0; i < 90; i++) await m.conn.sendRequest(LoadProfileRequest, { path: goldenPath('allocs.pb.gz') });
    const hundred = await heap();
    const perProfile = Math.max(one - empty, 1);
    // A leak of every reload would add ~90 × perProfile; allow noise of a few.
    assert.ok(hundred - ten < 5 * perProfile, `heap grew ${hundred - ten} B over 90 reloads; one profile holds ${perProfile} B`);
    assert.equal((await m.conn.sendRequest(ServerInfoRequest, {})).profiles, 1, 'reloading the same file replaces it');
  } finally {
    await m.close();
  }
});
