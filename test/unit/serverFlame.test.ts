import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { decodeProfile } from '../../src/core/pprof/decode';
import { buildFlameTree } from '../../src/core/pprof/flameTree';
import { buildTables } from '../../src/core/pprof/tables';
import { decodeFlameTree } from '../../src/node/flameWire';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { FlameTreeRequest, FunctionsAtRequest, LoadProfileRequest } from '../../src/protocol/lsp';
import { fixtureDir, goldenPath } from '../support/goTools';
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
