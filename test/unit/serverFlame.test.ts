import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { decodeProfile } from '../../src/core/pprof/decode';
import { buildFlameTree } from '../../src/core/pprof/flameTree';
import { buildTables } from '../../src/core/pprof/tables';
import { decodeFlameTree } from '../../src/node/flameWire';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { FlameTreeRequest, FunctionsAtRequest, LineStatsRequest, LoadProfileRequest, SetActiveProfileRequest, SetBaseRequest, SetSampleTypeRequest } from '../../src/protocol/lsp';
import { encodeProfile } from '../support/encodeProfile';
import { fixtureDir, goldenPath, parsePprofTop } from '../support/goTools';
import { startServer, type ServerUnderTest } from '../support/lspClient';

/** The flame graph's requests over stdio: the tree arrives intact and compact; the cursor maps to its function. */
const ws = fixtureDir('allocs');
const mainGo = join(ws, 'main.go');
const uri = pathToFileURL(mainGo).href;
let s: ServerUnderTest;
let heapId: string;
let allocsId: string;

before(async () => {
  s = await startServer(ws);
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(mainGo, 'utf8') } });
  heapId = (await s.conn.sendRequest(LoadProfileRequest, { path: goldenPath('heap.pb.gz') })).id;
  allocsId = (await s.conn.sendRequest(LoadProfileRequest, { path: goldenPath('allocs.pb.gz') })).id;
});

after(async () => s?.close());

test('the tree over JSON-RPC equals the tree built in process, with local source paths', async () => {
  const wire = await s.conn.sendRequest(FlameTreeRequest, { id: heapId });
  const got = decodeFlameTree(wire);
  const p = decodeProfile(readFileSync(goldenPath('heap.pb.gz')), { gunzip: zlibGunzip });
  const want = buildFlameTree(p, buildTables(p).functions);
  assert.deepEqual(Array.from(got.parent), Array.from(want.parent));
  assert.deepEqual(Array.from(got.total), Array.from(want.total));
  assert.deepEqual(got.names, want.names);
  assert.equal(wire.prunedNodes, 0);
  const i = wire.files.indexOf('example.com/gomem/fixtures/allocs/main.go');
  assert.equal(wire.localFiles[i], mainGo);
});

test('maxNodes prunes and says how many nodes were left out', async () => {
  const wire = await s.conn.sendRequest(FlameTreeRequest, { id: heapId, maxNodes: 8 });
  const t = decodeFlameTree(wire);
  assert.ok(t.parent.length <= 8);
  assert.ok(wire.prunedNodes > 0);
});

test('a comparison carries the base values', async () => {
  const t = decodeFlameTree(await s.conn.sendRequest(FlameTreeRequest, { id: allocsId, baseId: heapId }));
  assert.ok(t.baseTotal && t.baseSelf);
  const types = t.sampleTypes.length;
  const inuse = t.sampleTypes.findIndex((x) => x.type === 'inuse_space');
  assert.ok(t.total[inuse] > 0 && t.baseTotal[inuse] > 0);
  assert.equal(t.baseTotal.length, t.parent.length * types);
});

test('the cursor line maps to the function around it (a closure wins over its parent)', async () => {
  const text = readFileSync(mainGo, 'utf8').split('\n');
  const inLoop = text.findIndex((l) => l.includes('ALLOC: garbage'));
  assert.deepEqual(await s.conn.sendRequest(FunctionsAtRequest, { uri, line: inLoop }), ['main.garbageLoop']);
  const inClosure = text.findIndex((l) => l.includes('ALLOC: closure'));
  assert.deepEqual(await s.conn.sendRequest(FunctionsAtRequest, { uri, line: inClosure }), ['main.closureAllocs.func1']);
  assert.deepEqual(await s.conn.sendRequest(FunctionsAtRequest, { uri, line: 0 }), [], 'package clause: no function');
});

/** pprof's per-line values for main.go from a golden top-lines file. */
function pprofMainGo(name: string, type: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of parsePprofTop(readFileSync(goldenPath(`${name}.${type}.top-lines.txt`), 'utf8')).rows) {
    if (r.file === 'example.com/gomem/fixtures/allocs/main.go' && r.line) out.set(r.line, (out.get(r.line) ?? 0) + r.flat);
  }
  return out;
}

test('a comparison turns line stats into deltas: pprof(current) − base, lines of either side', async () => {
  // A base with known values on lines of the fixture's main.go: 94 (also in
  // the current profile), and 50 (only in the base, so its delta is negative).
  const file = 'example.com/gomem/fixtures/allocs/main.go';
  const basePath = join(mkdtempSync(join(tmpdir(), 'gomem-base-')), 'base.pb');
  writeFileSync(basePath, encodeProfile({
    sampleTypes: [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']],
    samples: [{ locationIds: [1], values: [10, 1000, 0, 0] }, { locationIds: [2], values: [3, 300, 0, 0] }],
    locations: [{ id: 1, lines: [{ functionId: 1, line: 94 }] }, { id: 2, lines: [{ functionId: 2, line: 50 }] }],
    functions: [{ id: 1, name: 'main.garbageLoop', file }, { id: 2, name: 'main.main', file }],
  }));
  const baseId = (await s.conn.sendRequest(LoadProfileRequest, { path: basePath, activate: false })).id;
  await s.conn.sendRequest(SetActiveProfileRequest, { id: heapId });
  await s.conn.sendRequest(SetSampleTypeRequest, { id: heapId, sampleType: 'alloc_space' });
  const state = await s.conn.sendRequest(SetBaseRequest, { id: heapId, baseId });
  assert.equal(state.activeId, heapId, 'loading a base does not change the active profile');
  assert.equal(state.profiles.find((p) => p.id === heapId)?.baseId, baseId);
  const res = await s.conn.sendRequest(LineStatsRequest, { uri });
  assert.equal(res?.baseName, 'base.pb');
  const cur = pprofMainGo('heap', 'alloc_space');
  const base = new Map([[94, 1000], [50, 300]]);
  const got = new Map(res!.lines.map((l) => [l.line + 1, l]));
  for (const line of new Set([...cur.keys(), ...base.keys()])) {
    assert.equal(got.get(line)?.flat, (cur.get(line) ?? 0) - (base.get(line) ?? 0), `line ${line}`);
    assert.equal(got.get(line)?.base?.flat, base.get(line) ?? 0);
  }
  assert.equal(got.get(94)?.flat, 6553600 - 1000);
  assert.equal(got.get(50)?.flat, -300);
  await s.conn.sendRequest(SetBaseRequest, { id: heapId, baseId: null });
  const plain = await s.conn.sendRequest(LineStatsRequest, { uri });
  assert.equal(plain?.baseName, undefined);
  assert.equal(plain?.lines.find((l) => l.line === 93)?.flat, 6553600);
});
