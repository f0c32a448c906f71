import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { CaptureError } from '../../src/core/capture/errors';
import type { CaptureRequest } from '../../src/core/capture/kinds';
import { decodeProfile } from '../../src/core/pprof/decode';
import type { Profile } from '../../src/core/pprof/model';
import { captureProfile } from '../../src/node/capture/captureProfile';
import { findPprofEndpoints } from '../../src/node/capture/findPprofEndpoints';
import { findPprofProcesses } from '../../src/node/capture/findPprofProcesses';
import { listeningSockets } from '../../src/node/capture/listeningSockets';
import { resolveTarget } from '../../src/node/capture/resolveTarget';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { captureTempDir, functionValue, startHttpServer, startPprofServer, type PprofServer } from '../support/fixtureServer';
import { goVersion, skipUnlessGo } from '../support/goTools';

/**
 * Captures from the real pprofserver fixture (test/fixtures/pprofserver),
 * found by its PID, checked against what the fixture is known to do:
 * 8 × 1 MiB retained in retainAtStart, 1000 × 4 KiB of garbage in
 * churnAtStart, 40 goroutines parked in leakGoroutine, blocking in
 * blockReceive, mutex contention in holdLock, CPU in burnCPU.
 */
const skip = skipUnlessGo();
const MiB = 1 << 20;
let server: PprofServer;
const out = captureTempDir();

before(async () => {
  if (!skip) server = await startPprofServer({ ipv6: true });
});
after(() => server?.stop());

function decodeFile(file: string): Profile {
  return decodeProfile(readFileSync(file), { gunzip: zlibGunzip, source: file });
}

async function capture(request: CaptureRequest): Promise<string> {
  const endpoint = await resolveTarget(server.pid);
  return (await captureProfile(endpoint, request, { outDir: out })).file;
}

test('the PID\'s listening ports are found, and only the pprof ones are endpoints', { skip }, async () => {
  const sockets = await listeningSockets(server.pid);
  const want = [`127.0.0.1:${server.pprofPort}`, `127.0.0.1:${server.otherPort}`];
  if (server.pprof6Port) want.push(`::1:${server.pprof6Port}`);
  assert.deepEqual(sockets.map((s) => `${s.address}:${s.port}`).sort(), want.sort());
  const endpoints = await findPprofEndpoints(server.pid);
  const urls = [server.pprofUrl];
  if (server.pprof6Port) urls.push(`http://[::1]:${server.pprof6Port}/debug/pprof/`);
  assert.deepEqual(endpoints.map((e) => e.url).sort(), urls.sort(), 'the "other" port answers 200 but is not pprof');
  for (const e of endpoints) assert.deepEqual([e.pid, e.label], [server.pid, `pid${server.pid}`]);
});

test('the fixture is among the local processes serving pprof; this test process is not', { skip }, async () => {
  const procs = await findPprofProcesses({ timeoutMs: 1000 });
  const mine = procs.find((p) => p.pid === server.pid);
  assert.ok(mine, `pid ${server.pid} in ${JSON.stringify(procs)}`);
  assert.ok(mine.endpoints.some((e) => e.url === server.pprofUrl));
  if (process.platform === 'linux') assert.equal(mine.name, 'pprofserver');
  assert.ok(!procs.some((p) => p.pid === process.pid));
});

test('heap: 8 × 1 MiB still in use at retainAtStart (also with gc=1)', { skip }, async () => {
  for (const request of [{ kind: 'heap' }, { kind: 'heap', gc: true }] as const) {
    const file = await capture(request);
    assert.match(file, new RegExp(`heap-pid${server.pid}-\\d{8}-\\d{6}(-\\d+)?\\.pb\\.gz$`));
    const p = decodeFile(file);
    assert.equal(p.sampleTypes[p.defaultSampleTypeIndex].type, 'inuse_space');
    assert.equal(functionValue(file, 'main.retainAtStart', 'inuse_space').flat, 8 * MiB);
    assert.equal(functionValue(file, 'main.retainAtStart', 'inuse_objects').flat, 8);
  }
});

test('allocs: 1000 × 4096 B allocated at churnAtStart, none of it in use', { skip }, async () => {
  const file = await capture({ kind: 'allocs' });
  const p = decodeFile(file);
  assert.equal(p.sampleTypes[p.defaultSampleTypeIndex].type, 'alloc_space');
  assert.equal(functionValue(file, 'main.churnAtStart', 'alloc_space').flat, 4_096_000);
  assert.equal(functionValue(file, 'main.churnAtStart', 'alloc_objects').flat, 1000);
  assert.equal(functionValue(file, 'main.churnAtStart', 'inuse_space').flat, 0);
});

test('goroutine: exactly 40 parked in leakGoroutine', { skip }, async () => {
  const file = await capture({ kind: 'goroutine' });
  assert.deepEqual(decodeFile(file).sampleTypes.map((t) => t.type), ['goroutine']);
  assert.equal(functionValue(file, 'main.leakGoroutine', 'goroutine').cum, 40);
});

test('block and mutex: waits charged to blockReceive and holdLock', { skip }, async () => {
  const block = await capture({ kind: 'block' });
  assert.deepEqual(decodeFile(block).sampleTypes.map((t) => t.type), ['contentions', 'delay']);
  assert.ok(functionValue(block, 'main.blockReceive', 'contentions').cum > 0);
  assert.ok(functionValue(block, 'main.blockReceive', 'delay').cum > 0);
  const mutex = await capture({ kind: 'mutex' });
  assert.ok(functionValue(mutex, 'main.holdLock', 'contentions').cum > 0);
  assert.ok(functionValue(mutex, 'sync.(*Mutex).Unlock', 'delay').flat > 0, 'the mutex profile charges the unlocker');
});

test('cpu for 1 s while the fixture burns CPU in burnCPU', { skip }, async () => {
  const endpoint = await resolveTarget(server.pid);
  const t0 = Date.now();
  const cpu = captureProfile(endpoint, { kind: 'cpu', seconds: 1 }, { outDir: out });
  // Burn inside the profiled second, whatever else this machine is busy with.
  await new Promise((r) => setTimeout(r, 100));
  await server.control('/burn?ms=700');
  const { file } = await cpu;
  assert.ok(Date.now() - t0 >= 1000, 'the server profiled for the second asked');
  assert.deepEqual(decodeFile(file).sampleTypes.map((t) => t.type), ['samples', 'cpu']);
  const samples = functionValue(file, 'main.burnCPU', 'samples').cum;
  // 700 ms of spinning is ~70 samples on an idle core; a loaded CI box gives far fewer.
  assert.ok(samples >= 3, `burnCPU samples: ${samples}`);
});

test('trace for 1 s starts with this Go\'s trace header', { skip }, async () => {
  const file = await capture({ kind: 'trace', seconds: 1 });
  assert.match(file, /trace-pid\d+-\d{8}-\d{6}(-\d+)?\.trace$/);
  const head = readFileSync(file).subarray(0, 16).toString('latin1');
  const minor = /go1\.(\d+)/.exec(goVersion() ?? '')?.[1];
  assert.equal(head, `go 1.${minor} trace\0\0\0`);
});

test('heap delta: released memory is negative, grown memory positive, exactly', { skip }, async () => {
  const own = await startPprofServer();
  try {
    const delta = captureProfile(own.pprofUrl, { kind: 'heap', seconds: 1 }, { outDir: out });
    await new Promise((r) => setTimeout(r, 300)); // inside the server's one-second window
    await own.control('/release');
    await own.control('/grow?mb=2');
    const { file } = await delta;
    assert.match(file, /heap-delta-127\.0\.0\.1_\d+-/);
    assert.equal(functionValue(file, 'main.retainAtStart', 'inuse_space').flat, -8 * MiB);
    assert.equal(functionValue(file, 'main.retainAtStart', 'inuse_objects').flat, -8);
    assert.equal(functionValue(file, 'main.retainAtStart', 'alloc_space').flat, 0, 'nothing new allocated there');
    assert.equal(functionValue(file, 'main.growHeap', 'inuse_space').flat, 2 * MiB);
    assert.equal(functionValue(file, 'main.growHeap', 'alloc_space').flat, 2 * MiB);
    assert.ok(decodeFile(file).durationNanos >= 1_000_000_000n);
  } finally {
    own.stop();
  }
});

test('goroutine delta: 5 more leaked during the window', { skip }, async () => {
  const own = await startPprofServer();
  try {
    const delta = captureProfile(own.pprofUrl, { kind: 'goroutine', seconds: 1 }, { outDir: out });
    await new Promise((r) => setTimeout(r, 300));
    await own.control('/leak?n=5');
    assert.equal(functionValue((await delta).file, 'main.leakGoroutine', 'goroutine').cum, 5);
  } finally {
    own.stop();
  }
});

test('a program stopped like a paused debuggee: the ports are found, nothing answers, the message says why', { skip: skip ?? (process.platform === 'win32' ? 'no SIGSTOP' : undefined) }, async () => {
  const own = await startPprofServer();
  process.kill(own.pid, 'SIGSTOP'); // what a debugger's pause does to every thread
  try {
    await assert.rejects(findPprofEndpoints(own.pid, { timeoutMs: 500 }), (err: CaptureError) => {
      assert.equal(err.code, 'no-pprof');
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${own.pprofPort}: no complete answer from http://127\\.0\\.0\\.1:${own.pprofPort}/debug/pprof/ within 500 ms`));
      assert.match(err.message, /if the program is paused in the debugger, continue it and try again/);
      return true;
    });
    process.kill(own.pid, 'SIGCONT');
    assert.deepEqual((await findPprofEndpoints(own.pid)).map((e) => e.url), [own.pprofUrl]);
  } finally {
    own.stop();
  }
});

test('a process that serves no pprof gets the snippet, and what each port said', async () => {
  const plain = await startHttpServer((_req, res) => res.end('not pprof'));
  try {
    await assert.rejects(findPprofEndpoints(process.pid), (err: CaptureError) => {
      assert.equal(err.code, 'no-pprof');
      assert.match(err.message, new RegExp(`^PID ${process.pid} listens on \\d+ TCP ports?, but none serves net/http/pprof:`));
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${plain.port}: answered text: "not pprof", not the pprof index`));
      assert.match(err.message, /import _ "net\/http\/pprof"\n +go http\.ListenAndServe\("localhost:6060", nil\)$/);
      return true;
    });
  } finally {
    await plain.close();
  }
});

test('a process without sockets, and a PID that does not exist', async () => {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 200));
    await assert.rejects(findPprofEndpoints(child.pid!), (err: CaptureError) => err.code === 'no-pprof' && /does not listen on any TCP port/.test(err.message));
  } finally {
    child.kill('SIGKILL');
  }
  await new Promise((r) => child.once('exit', r));
  await assert.rejects(resolveTarget(String(child.pid)), (err: CaptureError) => err.code === 'no-process' && err.message === `no process with PID ${child.pid}`);
});
