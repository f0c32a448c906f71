import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  LineStatsRequest,
  LoadProfileRequest,
  SetSampleTypeRequest,
  UnloadProfileRequest,
} from '../../src/protocol/lsp';
import type { LineStatsResult } from '../../src/protocol/types';
import { fixtureDir, goldenPath, parsePprofTop } from '../support/goTools';
import { startServer, type ServerUnderTest } from '../support/lspClient';

/**
 * The language server over stdio with a plain LSP client: it decodes the
 * golden -trimpath profile, resolves "example.com/gomem/fixtures/allocs/…"
 * to the fixture module by its go.mod, and answers line stats that equal
 * go tool pprof's per-line numbers, following edits.
 */
const ws = fixtureDir('allocs');
const mainGo = join(ws, 'main.go');
const uri = pathToFileURL(mainGo).href;
let s: ServerUnderTest;

/** pprof's per-line flat/cum for main.go (1-based lines), summed over functions. */
function oracle(type: string): Map<number, { flat: number; cum: number }> {
  const report = parsePprofTop(readFileSync(goldenPath(`heap.${type}.top-lines.txt`), 'utf8'));
  const out = new Map<number, { flat: number; cum: number }>();
  for (const r of report.rows) {
    if (r.file !== 'example.com/gomem/fixtures/allocs/main.go' || !r.line) continue;
    const v = out.get(r.line) ?? { flat: 0, cum: 0 };
    v.flat += r.flat;
    v.cum += r.cum;
    out.set(r.line, v);
  }
  return out;
}

function byLine(res: LineStatsResult | null): Map<number, { flat: number; cum: number; stale: boolean }> {
  assert.ok(res, 'line stats expected');
  return new Map(res.lines.map((l) => [l.line + 1, { flat: l.flat, cum: l.cum, stale: l.stale }]));
}

before(async () => {
  s = await startServer(ws);
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(mainGo, 'utf8') } });
});

after(async () => s?.close());

test('load: decodes in the server and finds the fixture sources', async () => {
  const info = await s.conn.sendRequest(LoadProfileRequest, { path: goldenPath('heap.pb.gz') });
  assert.equal(info.name, 'heap.pb.gz');
  assert.deepEqual(info.sampleTypes.map((t) => t.type), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
  assert.equal(info.sampleTypeIndex, 3, 'heap profiles default to inuse_space (the last type)');
  assert.ok(info.resolvedFiles >= 3, `fixture files resolved: ${info.resolvedFiles}/${info.files}`);
});

test('line stats equal go tool pprof per line, for every sample type', async () => {
  for (const type of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) {
    await s.conn.sendRequest(SetSampleTypeRequest, { sampleType: type });
    const got = byLine(await s.conn.sendRequest(LineStatsRequest, { uri }));
    const want = oracle(type);
    assert.deepEqual(
      [...got].map(([l, v]) => [l, v.flat, v.cum]).sort((a, b) => a[0] - b[0]),
      [...want].filter(([, v]) => v.flat || v.cum).map(([l, v]) => [l, v.flat, v.cum]).sort((a, b) => a[0] - b[0]),
      type,
    );
  }
});

test('companion counts: alloc_space lines carry alloc_objects', async () => {
  await s.conn.sendRequest(SetSampleTypeRequest, { sampleType: 'alloc_space' });
  const res = await s.conn.sendRequest(LineStatsRequest, { uri });
  assert.equal(res?.countType?.type, 'alloc_objects');
  const objs = oracle('alloc_objects');
  for (const l of res!.lines) assert.equal(l.flatCount, objs.get(l.line + 1)?.flat ?? 0);
});

test('edits: lines inserted above move the values; a changed line is stale', async () => {
  await s.conn.sendRequest(SetSampleTypeRequest, { sampleType: 'alloc_space' });
  const before = byLine(await s.conn.sendRequest(LineStatsRequest, { uri }));
  const hot = [...before].sort((a, b) => b[1].flat - a[1].flat)[0][0];
  s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// one\n// two\n' }],
  });
  const moved = byLine(await s.conn.sendRequest(LineStatsRequest, { uri }));
  assert.deepEqual(moved.get(hot + 2), before.get(hot));
  assert.equal(moved.size, before.size);
  // Change the hot line's text (0-based hot+1 after the insert).
  s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: hot + 1, character: 0 }, end: { line: hot + 1, character: 0 } }, text: '\t' }],
  });
  const edited = byLine(await s.conn.sendRequest(LineStatsRequest, { uri }));
  assert.equal(edited.get(hot + 2)?.stale, true);
  assert.equal(edited.get(hot + 2)?.flat, before.get(hot)?.flat);
});

test('a file that is not a profile gives an error response naming it; nothing is loaded in its place', async () => {
  await assert.rejects(s.conn.sendRequest(LoadProfileRequest, { path: mainGo }), (e: Error) => e.message.includes('main.go'));
  await assert.rejects(s.conn.sendRequest(LoadProfileRequest, { path: join(ws, 'missing.pb.gz') }), /missing\.pb\.gz/);
  const res = await s.conn.sendRequest(LineStatsRequest, { uri });
  assert.ok(res && res.lines.length > 0, 'the loaded profile is still active');
});

test('unload clears line stats', async () => {
  await s.conn.sendRequest(UnloadProfileRequest, {});
  assert.equal(await s.conn.sendRequest(LineStatsRequest, { uri }), null);
});
