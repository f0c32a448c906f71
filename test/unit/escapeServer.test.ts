import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EscapeChangedNotification, EscapeHoverRequest, EscapeOutputRequest, EscapeRunRequest, EscapeSitesRequest, EscapeViewRequest, LoadProfileRequest } from '../../src/protocol/lsp';
import { ESCAPE_FIXTURE, TEST_GO_ENV, escapeProfile } from '../support/escapeFixture';
import { skipUnlessGo } from '../support/goTools';
import { startServer, type ServerUnderTest } from '../support/lspClient';

/**
 * Escape analysis through the language server, as any LSP client sees it:
 * a run publishes diagnostics, a loaded profile puts bytes in them, hovers
 * explain, the costliest sites come sorted, the raw -m text is available.
 */
const escapesGo = path.join(ESCAPE_FIXTURE, 'escapes.go');
const uri = pathToFileURL(escapesGo).href;
const toolchain = { env: TEST_GO_ENV };
let s: ServerUnderTest;
const published = new Map<string, Diagnostic[]>();
const changed: string[][] = [];

before(async () => {
  s = await startServer(ESCAPE_FIXTURE);
  s.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.set(p.uri, p.diagnostics));
  s.conn.onNotification(EscapeChangedNotification, (p) => changed.push(p.uris));
});

after(async () => s?.close());

const skip = skipUnlessGo();

test('a run publishes Information/Hint diagnostics with source "go escape", kinds as codes, inlining origins as related information', { skip }, async () => {
  const r = await s.conn.sendRequest(EscapeRunRequest, { uri, scope: 'package', toolchain });
  assert.equal(r.failure, undefined);
  assert.equal(r.dir, ESCAPE_FIXTURE);
  const diags = published.get(uri) ?? [];
  const buf = diags.find((d) => d.message === 'moved to heap: buf')!;
  assert.deepEqual([buf.range.start, buf.severity, buf.source, buf.code], [{ line: 28, character: 5 }, 3, 'go escape', 'moved-to-heap']);
  assert.equal(buf.relatedInformation, undefined, 'the explanation is the hover\'s');
  const vendored = diags.find((d) => d.message === 'make([]byte, ring.n) escapes to heap')!;
  assert.deepEqual(vendored.relatedInformation?.map((r) => [r.message, r.location.uri.endsWith('/vendor/example.com/vendored/ring/ring.go'), r.location.range.start.line]), [['inlined from here', true, 7]]);
  const leak = diags.find((d) => d.code === 'leaking-param')!;
  assert.deepEqual([leak.range.start.line, leak.severity], [61, 4]);
  assert.ok(!diags.some((d) => d.code === 'can-inline'), 'inlining decisions are off by default');
  assert.ok(changed.some((u) => u.includes(uri)));
  assert.ok(published.has(pathToFileURL(path.join(ESCAPE_FIXTURE, 'escapes_test.go')).href), 'the _test.go file too');
});

test('after a save of a non-test file: go build, and the _test.go findings stay', { skip }, async () => {
  const testUri = pathToFileURL(path.join(ESCAPE_FIXTURE, 'escapes_test.go')).href;
  const before = published.get(testUri) ?? [];
  assert.ok(before.length > 0);
  published.delete(testUri);
  const r = await s.conn.sendRequest(EscapeRunRequest, { uri, scope: 'package', toolchain, testsUnchanged: true });
  assert.equal(r.failure, undefined);
  const out = await s.conn.sendRequest(EscapeOutputRequest, { uri });
  assert.equal(out?.args[0], 'build', 'no test binary to link');
  assert.ok(out?.quick && out.args.some((a) => /=-m -json=0,/.test(a)), 'and -m: the JSON has what -m=2 adds');
  assert.ok((published.get(uri) ?? []).some((d) => d.message === 'moved to heap: buf'));
  const after = await s.conn.sendRequest(EscapeSitesRequest, { uri: testUri, scope: 'file' });
  assert.ok(after.sites.some((x) => x.messages.includes('moved to heap: s')), 'the test file keeps its findings from the run with tests');
  assert.match((await s.conn.sendRequest(EscapeHoverRequest, { uri, line: 28 })) ?? '', /`flow: \{heap\} ← &buf:`/, 'explanations still come from the JSON log');
});

test('the view decides which kinds show; disabled clears', { skip }, async () => {
  await s.conn.sendRequest(EscapeViewRequest, { enabled: true, kinds: ['can-inline', 'moved-to-heap'] });
  assert.ok((published.get(uri) ?? []).some((d) => d.code === 'can-inline' && d.severity === 4));
  assert.ok(!(published.get(uri) ?? []).some((d) => d.code === 'escapes-to-heap'));
  await s.conn.sendRequest(EscapeViewRequest, { enabled: false, kinds: ['moved-to-heap'] });
  assert.deepEqual(published.get(uri), []);
  await s.conn.sendRequest(EscapeViewRequest, { enabled: true, kinds: ['moved-to-heap', 'escapes-to-heap', 'leaking-param'] });
  assert.ok((published.get(uri) ?? []).length >= 10);
});

test('with a profile: bytes in messages and hovers, costliest sites first, links in the hover', { skip, timeout: 120_000 }, async () => {
  await s.conn.sendRequest(LoadProfileRequest, { path: escapeProfile() });
  await s.conn.sendRequest(EscapeRunRequest, { uri, scope: 'module', toolchain });
  const buf = (published.get(uri) ?? []).find((d) => d.code === 'moved-to-heap' && d.range.start.line === 28)!;
  assert.match(buf.message, /^moved to heap: buf — 40 kB · 10 objs, [\d.]+% of alloc_space$/);
  const sites = await s.conn.sendRequest(EscapeSitesRequest, { scope: 'all' });
  assert.equal(sites.sampleType, 'alloc_space');
  assert.match(sites.sites[0].label, /^make\(\[\]byte, 131072\) escapes to heap — 128 kB · 1 objs/);
  assert.deepEqual(sites.sites.map((x) => x.bytes), [...sites.sites.map((x) => x.bytes)].sort((a, b) => b - a));
  assert.ok(sites.sites.some((x) => x.uri.endsWith('/shapes/shapes.go')), 'module scope covers the second package');
  const hover = await s.conn.sendRequest(EscapeHoverRequest, { uri, line: 28 });
  assert.match(hover ?? '', /\*\*moved to heap: buf — 40 kB/);
  assert.match(hover ?? '', new RegExp(`\\[escapes\\.go:31\\]\\(${uri.replace(/[.]/g, '\\.')}#L31\\)`));
  assert.equal(await s.conn.sendRequest(EscapeHoverRequest, { uri, line: 0 }), null);
  const file = await s.conn.sendRequest(EscapeSitesRequest, { uri, scope: 'file' });
  assert.ok(file.sites.every((x) => x.uri === uri) && file.sites.length >= 8);
});

test('the raw compiler output of the latest run; a newer run cancels an older one; no go is one clear failure', { skip, timeout: 120_000 }, async () => {
  const out = await s.conn.sendRequest(EscapeOutputRequest, { uri });
  assert.equal(out?.scope, 'module');
  assert.match(out?.text ?? '', /\.\/escapes\.go:29:6: moved to heap: buf/);
  const [first, second] = await Promise.all([
    s.conn.sendRequest(EscapeRunRequest, { uri, scope: 'package', toolchain }),
    new Promise((r) => setTimeout(r, 50)).then(() => s.conn.sendRequest(EscapeRunRequest, { uri, scope: 'package', toolchain })),
  ]);
  assert.equal(first.failure?.reason, 'cancelled');
  assert.equal(second.failure, undefined);
  const none = await s.conn.sendRequest(EscapeRunRequest, { uri, scope: 'package', toolchain: { go: '/nonexistent/go' } });
  assert.equal(none.failure?.reason, 'go-not-found');
  assert.match(none.failure?.message ?? '', /cannot run "\/nonexistent\/go": not found/);
});
