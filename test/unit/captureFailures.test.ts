import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { CaptureError } from '../../src/core/capture/errors';
import type { CaptureKind } from '../../src/core/capture/kinds';
import { captureProfile, type CaptureOptions } from '../../src/node/capture/captureProfile';
import { captureTempDir, closedPort, selfSignedCert, startHttpServer, startStalledListener } from '../support/fixtureServer';

/**
 * Every way a capture can fail, against real local servers: each must give
 * its own message and leave the output folder exactly as it was (no file, no
 * temp file).
 */
/** gzip magic and a header, then `size` bytes: passes for a profile as far as the capture checks. */
function fakeProfile(size: number): Buffer {
  const b = Buffer.alloc(size, 7);
  b.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  return b;
}

async function expectFailure(url: string, code: string, message: RegExp, opts: Partial<CaptureOptions> = {}, kind: CaptureKind = 'heap') {
  const dir = captureTempDir();
  const t0 = Date.now();
  await assert.rejects(captureProfile(url, { kind }, { outDir: dir, ...opts }), (err: unknown) => {
    assert.ok(err instanceof CaptureError, `a CaptureError, not ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
  assert.deepEqual(readdirSync(dir), [], 'a failed capture leaves nothing behind');
  return Date.now() - t0;
}

test('connection refused', async () => {
  const port = await closedPort();
  await expectFailure(`http://127.0.0.1:${port}`, 'refused', new RegExp(`cannot connect to 127\\.0\\.0\\.1:${port}: connection refused`));
});

test('a port that never completes the connection: connect timeout', async () => {
  const stalled = await startStalledListener();
  try {
    const ms = await expectFailure(`http://127.0.0.1:${stalled.port}`, 'connect-timeout', /cannot connect to 127\.0\.0\.1:\d+ within 300 ms/, { limits: { connectTimeoutMs: 300 } });
    assert.ok(ms < 3000, `gave up after ${ms} ms`);
  } finally {
    stalled.close();
  }
});

test('a server that accepts but never answers: total timeout', async () => {
  const server = await startHttpServer(() => undefined);
  try {
    const ms = await expectFailure(server.url, 'timeout', /no complete answer from http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/heap within 400 ms/, { limits: { totalTimeoutMs: 400 } });
    assert.ok(ms >= 350 && ms < 3000, `gave up after ${ms} ms`);
  } finally {
    await server.close();
  }
});

test('404 from a program whose mux has no pprof: the message shows the two lines to add', async () => {
  // What Go's http.NotFound sends.
  const server = await startHttpServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('404 page not found\n');
  });
  try {
    await expectFailure(server.url, 'http-status', /answered 404 Not Found: "404 page not found"; nothing serves net\/http\/pprof there\.[\s\S]*import _ "net\/http\/pprof"[\s\S]*go http\.ListenAndServe\("localhost:6060", nil\)/);
  } finally {
    await server.close();
  }
});

test('an HTML page where a profile was expected (a login page)', async () => {
  const server = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><head><title>Sign in — Example SSO</title></head><body><form></form></body></html>');
  });
  try {
    await expectFailure(server.url, 'not-a-profile', /expected a heap profile from .*\/debug\/pprof\/heap but got an HTML page titled "Sign in — Example SSO"/);
  } finally {
    await server.close();
  }
});

test('text where a profile was expected, and a profile where a trace was expected', async () => {
  const server = await startHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(req.url?.startsWith('/debug/pprof/trace') ? fakeProfile(100) : 'heap profile: 3: 300 [5: 500] @ heap/1048576\n');
  });
  try {
    await expectFailure(server.url, 'not-a-profile', /but got text: "heap profile: 3: 300 \[5: 500\] @ heap\/1048576"/);
    await expectFailure(server.url, 'not-a-profile', /expected an execution trace from .*trace\?seconds=1 but got binary data starting 1f 8b/, {}, 'trace');
  } finally {
    await server.close();
  }
});

test('a body over the size limit, announced or not', async () => {
  const limit = 256 * 1024;
  const server = await startHttpServer((req, res) => {
    const body = fakeProfile(limit * 4);
    if (req.url?.includes('heap')) res.writeHead(200, { 'content-length': body.length });
    else res.writeHead(200); // chunked: the limit must trip while streaming
    res.end(body);
  });
  try {
    await expectFailure(server.url, 'too-large', /larger than the limit of 262144 bytes \(it announced 1048576\)/, { limits: { maxBytes: limit } });
    let seen = 0;
    await expectFailure(server.url, 'too-large', /larger than the limit of 262144 bytes; raise the limit/, { limits: { maxBytes: limit }, onProgress: (n) => (seen = n) }, 'allocs');
    assert.ok(seen > 0 && seen <= limit, `progress stopped at ${seen}`);
  } finally {
    await server.close();
  }
});

test('cancel mid-transfer', async () => {
  const server = await startHttpServer((_req, res) => {
    res.writeHead(200);
    res.write(fakeProfile(64 * 1024)); // then nothing more, ever
  });
  try {
    const ctrl = new AbortController();
    const progress: number[] = [];
    const onProgress = (n: number) => {
      progress.push(n);
      ctrl.abort();
    };
    const ms = await expectFailure(server.url, 'cancelled', /capture from .*\/debug\/pprof\/heap cancelled/, { signal: ctrl.signal, onProgress });
    assert.ok(progress.length >= 1 && progress[0] > 0, 'bytes arrived before the cancel');
    assert.ok(ms < 3000, `cancel took ${ms} ms`);
    // Cancelled before it starts: no request at all.
    await expectFailure(server.url, 'cancelled', /cancelled/, { signal: AbortSignal.abort() });
  } finally {
    await server.close();
  }
});

test('a connection that drops mid-body', async () => {
  const server = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-length': 100_000 });
    res.write(fakeProfile(5_000), () => res.socket?.destroy());
  });
  try {
    await expectFailure(server.url, 'network', /127\.0\.0\.1:\d+ closed the connection before the answer was complete/);
  } finally {
    await server.close();
  }
});

test('a redirect is reported, not followed', async () => {
  const server = await startHttpServer((_req, res) => {
    res.writeHead(302, { location: 'http://127.0.0.1:1/login' });
    res.end();
  });
  try {
    await expectFailure(server.url, 'http-status', /redirected to http:\/\/127\.0\.0\.1:1\/login \(302 Found\)/);
  } finally {
    await server.close();
  }
});

test('https with an untrusted certificate says so', async (t) => {
  const tls = selfSignedCert();
  if (!tls) return t.skip('openssl not found');
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (_req, res) => res.end(fakeProfile(10)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    await expectFailure(`https://127.0.0.1:${port}`, 'network', /TLS error talking to 127\.0\.0\.1:\d+: self[- ]signed certificate/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('success: the body lands whole under its name, progress counts up, names never collide', async () => {
  const body = fakeProfile(300_000);
  const paths: string[] = [];
  const server = await startHttpServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  try {
    const dir = captureTempDir();
    const progress: number[] = [];
    const a = await captureProfile(`${server.url}/debug/pprof/`, { kind: 'heap', gc: true }, { outDir: dir, onProgress: (n) => progress.push(n) });
    assert.deepEqual(readFileSync(a.file), body);
    assert.equal(a.bytes, body.length);
    assert.equal(progress.at(-1), body.length);
    assert.ok(progress.every((n, i) => i === 0 || n > progress[i - 1]), 'progress only grows');
    assert.match(a.file, /heap-127\.0\.0\.1_\d+-\d{8}-\d{6}\.pb\.gz$/);
    const b = await captureProfile(server.url, { kind: 'heap', gc: true }, { outDir: dir });
    const c = await captureProfile(server.url, { kind: 'heap', gc: true }, { outDir: dir });
    assert.equal(new Set([a.file, b.file, c.file]).size, 3, 'three captures, three files');
    const named = await captureProfile(server.url, { kind: 'heap' }, { outDir: join(dir, 'new', 'sub'), fileName: 'mine.pb.gz' });
    assert.equal(named.file, join(dir, 'new', 'sub', 'mine.pb.gz'));
    const again = await captureProfile(server.url, { kind: 'heap' }, { outDir: join(dir, 'new', 'sub'), fileName: 'mine.pb.gz' });
    assert.equal(again.file, named.file, 'an explicit name is replaced, like curl -o');
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.')), [], 'no temp files left');
    assert.deepEqual(paths.slice(0, 2), ['/debug/pprof/heap?gc=1', '/debug/pprof/heap?gc=1']);
  } finally {
    await server.close();
  }
});
