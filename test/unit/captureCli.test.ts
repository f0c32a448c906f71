import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { captureTempDir, closedPort, functionValue, selfSignedCert, startPprofServer, type PprofServer } from '../support/fixtureServer';
import { repoRoot, skipUnlessGo } from '../support/goTools';

/** `gomem capture` as a user runs it (dist/cli.js), against the pprofserver fixture. */
const skip = skipUnlessGo();
let server: PprofServer;
const dir = captureTempDir('gomem-capture-cli-');

before(async () => {
  if (!skip) server = await startPprofServer();
});
after(() => server?.stop());

function gomem(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'capture', ...args], { cwd: opts.cwd ?? dir, env: opts.env ?? process.env }, (err, out, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: stderr }),
    );
  });
}

test('capture PID --kind goroutine -o FILE', { skip }, async () => {
  const file = join(dir, 'sub', 'g.pb.gz');
  const r = await gomem([String(server.pid), '--kind', 'goroutine', '-o', file]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim(), file, 'prints the path written');
  assert.equal(functionValue(file, 'main.leakGoroutine', 'goroutine').cum, 40);
});

test('capture host:port --kind heap --gc names the file and writes it in the current directory', { skip }, async () => {
  const cwd = mkdtempSync(join(dir, 'cwd-'));
  const r = await gomem([`127.0.0.1:${server.pprofPort}`, '--kind', 'heap', '--gc'], { cwd });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out.trim(), new RegExp(`^${cwd.replace(/[.\\]/g, '\\$&')}[\\\\/]heap-127\\.0\\.0\\.1_${server.pprofPort}-\\d{8}-\\d{6}\\.pb\\.gz$`));
  assert.deepEqual(readdirSync(cwd).length, 1);
});

test('capture URL --kind trace --seconds 1 says what it waits for', { skip }, async () => {
  const r = await gomem([server.pprofUrl, '--kind', 'trace', '--seconds', '1', '-o', join(dir, 't.trace')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`capturing trace for 1 s from ${server.pprofUrl}`));
  assert.match(readFileSync(join(dir, 't.trace')).subarray(0, 16).toString('latin1'), /^go 1\.\d\d trace\0\0\0$/);
});

test('https: a real profile through a TLS front, trusted with NODE_EXTRA_CA_CERTS', { skip }, async (t) => {
  const tls = selfSignedCert();
  if (!tls) return t.skip('openssl not found');
  // A TLS-terminating proxy in front of the fixture, as production services often have.
  const front = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    http.get(`${server.baseUrl}${req.url}`, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  try {
    const { port } = front.address() as AddressInfo;
    const file = join(dir, 'tls.pb.gz');
    const r = await gomem([`https://127.0.0.1:${port}/debug/pprof/`, '--kind', 'goroutine', '-o', file], { env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.certFile } });
    assert.equal(r.code, 0, r.err);
    assert.equal(functionValue(file, 'main.leakGoroutine', 'goroutine').cum, 40);
  } finally {
    front.closeAllConnections();
    front.close();
  }
});

test('errors: usage mistakes exit 2, failed captures exit 1, never a stack trace, never a file', async () => {
  const port = await closedPort();
  const cases: { args: string[]; code: number; re: RegExp }[] = [
    { args: [`http://127.0.0.1:${port}`, '--kind', 'heap'], code: 1, re: /connection refused/ },
    { args: ['127.0.0.1:1', '--kind', 'nope'], code: 2, re: /unknown --kind "nope"; expected one of heap, allocs, goroutine, cpu, block, mutex, trace/ },
    { args: ['127.0.0.1:1'], code: 2, re: /capture needs --kind/ },
    { args: ['--kind', 'heap'], code: 2, re: /capture needs one TARGET/ },
    { args: ['127.0.0.1:1', '--kind', 'cpu', '--gc'], code: 2, re: /gc applies to heap captures only/ },
    { args: ['127.0.0.1:1', '--kind', 'heap', '--seconds', 'soon'], code: 2, re: /seconds must be a positive number/ },
    { args: [String(process.pid), '--kind', 'heap'], code: 1, re: /does not listen on any TCP port[\s\S]*import _ "net\/http\/pprof"/ },
  ];
  const before = readdirSync(dir).sort();
  for (const c of cases) {
    const r = await gomem(c.args);
    assert.equal(r.code, c.code, `${c.args.join(' ')}: ${r.err}`);
    assert.match(r.err, c.re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
  assert.deepEqual(readdirSync(dir).sort(), before);
});
