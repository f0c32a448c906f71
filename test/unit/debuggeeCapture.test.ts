import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CaptureError } from '../../src/core/capture/errors';
import { captureFromDebuggee } from '../../src/debug/debuggeeCapture';
import { DebuggeeEndpoint } from '../../src/debug/debuggeeEndpoint';
import type { GoSession } from '../../src/debug/goSessions';
import type { SessionChange } from '../../src/debug/dapSession';
import { endpointFromUrl } from '../../src/node/capture';
import { captureTempDir, functionValue, startHttpServer, startPprofServer, type PprofServer } from '../support/fixtureServer';
import { skipUnlessGo } from '../support/goTools';

/**
 * Capturing from a program under the debugger, against the real pprofserver
 * fixture stopped with SIGSTOP (what Delve's ptrace stop amounts to for the
 * program: no thread runs, the kernel still accepts connections). The
 * request waits in the socket and is served once the program runs; the time
 * limit counts only running time; the session ending cancels.
 */
const skip = skipUnlessGo();
let server: PprofServer;
const out = captureTempDir();

before(async () => {
  if (!skip) server = await startPprofServer();
});
after(() => {
  if (server) process.kill(server.pid, 'SIGCONT');
  server?.stop();
});

/** A stand-in for a followed debug session: its pause state and change events. */
function fakeSession(paused: boolean) {
  const listeners = new Set<(c: SessionChange) => void>();
  const state = { paused, remote: false, stops: 0, ended: false };
  const s = {
    session: { name: 'fixture' },
    get state() {
      return state;
    },
    onDidChange: (l: (c: SessionChange) => void) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
  };
  const fire = (c: SessionChange) => listeners.forEach((l) => l(c));
  return { session: s as unknown as GoSession, state, fire, listening: () => listeners.size };
}

const until = async (what: string, probe: () => boolean, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('the endpoint of a PID is found in the background and kept', { skip }, async () => {
  const finder = new DebuggeeEndpoint(server.pid, () => false);
  try {
    await until('the background lookup', () => finder.endpoint !== undefined);
    assert.equal(finder.endpoint!.url, server.pprofUrl);
    assert.equal(await finder.lookup(), finder.endpoint, 'no second lookup');
  } finally {
    finder.dispose();
  }
});

test('a process without pprof: the lookup says so and shows the fix', { skip }, async () => {
  const finder = new DebuggeeEndpoint(process.pid, () => true); // paused: no background tries
  try {
    await assert.rejects(finder.lookup(), (e: CaptureError) => e.code === 'no-pprof' && /net\/http\/pprof/.test(e.message));
    assert.equal(finder.error?.code, 'no-pprof');
  } finally {
    finder.dispose();
  }
});

test('paused: the capture waits past its time limit, then completes when the program runs', { skip }, async () => {
  const fake = fakeSession(true);
  process.kill(server.pid, 'SIGSTOP');
  const started = Date.now();
  let settled = false;
  const capture = captureFromDebuggee(fake.session, endpointFromUrl(server.pprofUrl), { kind: 'heap', gc: true }, { outDir: out, limits: { totalTimeoutMs: 400 } });
  capture.then(
    () => (settled = true),
    () => (settled = true),
  );
  // Three times the limit: a limit that counted paused time would have failed by now.
  await new Promise((r) => setTimeout(r, 1_200));
  assert.equal(settled, false, `still waiting after ${Date.now() - started} ms paused`);
  process.kill(server.pid, 'SIGCONT');
  fake.state.paused = false;
  fake.fire('resumed');
  const r = await capture;
  assert.equal(functionValue(r.file, 'main.retainAtStart', 'inuse_space').flat, 8 << 20);
  assert.equal(fake.listening(), 0, 'no listener left behind');
});

test('the session ending cancels a waiting capture', { skip }, async () => {
  const fake = fakeSession(true);
  process.kill(server.pid, 'SIGSTOP');
  try {
    const capture = captureFromDebuggee(fake.session, endpointFromUrl(server.pprofUrl), { kind: 'heap' }, { outDir: out });
    await new Promise((r) => setTimeout(r, 200));
    fake.fire('ended');
    await assert.rejects(capture, (e: CaptureError) => e.code === 'cancelled' && /ended/.test(e.message));
  } finally {
    process.kill(server.pid, 'SIGCONT');
  }
});

test('running: the time limit applies', async () => {
  const silent = await startHttpServer(() => undefined); // accepts, never answers
  try {
    const fake = fakeSession(false);
    const capture = captureFromDebuggee(fake.session, endpointFromUrl(silent.url), { kind: 'heap' }, { outDir: out, limits: { totalTimeoutMs: 300 } });
    await assert.rejects(capture, (e: CaptureError) => e.code === 'timeout' && /within 0.3 s of the program running/.test(e.message));
  } finally {
    await silent.close();
  }
});
