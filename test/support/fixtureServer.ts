/**
 * The pprofserver fixture (test/fixtures/pprofserver) as a running process,
 * and tiny Node HTTP servers that misbehave on purpose, for capture tests.
 *
 * - `startPprofServer()` builds the fixture once per test process (into a
 *   temp dir, with the machine's `go`), starts a fresh instance and reads the
 *   addresses it prints. Every instance is killed by `stop()` and, failing
 *   that, when the test process exits (the fixture also exits when its stdin
 *   closes).
 * - `startHttpServer(handler)` listens on 127.0.0.1:0 and tracks its sockets,
 *   so `close()` ends even a server that never answers;
 *   `startStalledListener()` is a port that never completes a connect;
 *   `selfSignedCert()` makes a certificate for https tests.
 * - `functionValue(file, fn, type)` reads a captured profile back with
 *   gomem's decoder; `captureTempDir()` is where captures go.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeProfile } from '../../src/core/pprof/decode';
import { buildTables } from '../../src/core/pprof/tables';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { fixtureDir, goBinary } from './goTools';

/** Environment for go: the local toolchain only, no go.work from above the fixture. */
export const FIXTURE_GO_ENV = { GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' } as const;

export interface PprofServer {
  readonly pid: number;
  /** `http://127.0.0.1:PORT/debug/pprof/` */
  readonly pprofUrl: string;
  /** `http://127.0.0.1:PORT` (no /debug/pprof/) */
  readonly baseUrl: string;
  readonly pprofPort: number;
  /** A port of the same process that answers every path with a plain page, not pprof. */
  readonly otherPort: number;
  /** With `ipv6: true`, where it serves pprof on [::1] (undefined when ::1 cannot be bound). */
  readonly pprof6Port?: number;
  /** GET a control path of the fixture (`/grow?mb=2`, `/release`, `/leak?n=5`, `/burn?ms=500`). */
  control(pathAndQuery: string): Promise<void>;
  /** How many goroutines `leakEvery` has leaked so far (the fixture's /leaked). */
  leaked(): Promise<number>;
  stop(): void;
}

const running = new Set<ChildProcess>();
const binaries = new Map<string, Promise<string>>();

export interface PprofServerOptions {
  ipv6?: boolean;
  /** Leak one goroutine (parkOnTimer) this often, e.g. `200ms`. */
  leakEvery?: string;
  /** Build with GOEXPERIMENT=goroutineleakprofile, so /debug/pprof/goroutineleak is served (Go 1.26+). */
  leakProfile?: boolean;
}

/** Builds (once) and starts the fixture; resolves when it has printed "ready". */
export async function startPprofServer(opts: PprofServerOptions = {}): Promise<PprofServer> {
  const bin = await buildPprofServer(opts.leakProfile ? 'goroutineleakprofile' : '');
  const args = [...(opts.ipv6 ? ['-ipv6'] : []), ...(opts.leakEvery ? ['-leak-every', opts.leakEvery] : [])];
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const lines = await readUntilReady(child);
  const port = (name: string) => {
    const m = new RegExp(`^${name} .*:(\\d+)$`, 'm').exec(lines);
    return m ? Number(m[1]) : undefined;
  };
  const pprofPort = port('pprof')!;
  const baseUrl = `http://127.0.0.1:${pprofPort}`;
  return {
    pid: child.pid!,
    pprofUrl: `${baseUrl}/debug/pprof/`,
    baseUrl,
    pprofPort,
    otherPort: port('other')!,
    pprof6Port: port('pprof6'),
    control: (p) => getText(`${baseUrl}${p}`).then(() => undefined),
    leaked: () => getText(`${baseUrl}/leaked`).then((t) => Number(t.trim())),
    stop: () => {
      child.kill('SIGKILL');
      running.delete(child);
    },
  };
}

/** The built fixture binary (memoised per test process and GOEXPERIMENT). */
export function buildPprofServer(goexperiment = ''): Promise<string> {
  let binary = binaries.get(goexperiment);
  if (!binary) {
    const out = path.join(captureTempDir('gomem-pprofserver-'), process.platform === 'win32' ? 'pprofserver.exe' : 'pprofserver');
    binary = new Promise((resolve, reject) => {
      const env = { ...process.env, ...FIXTURE_GO_ENV, ...(goexperiment ? { GOEXPERIMENT: goexperiment } : {}) };
      execFile(goBinary(), ['build', '-buildvcs=false', '-o', out, '.'], { cwd: fixtureDir('pprofserver'), env }, (err, _stdout, stderr) =>
        err ? reject(new Error(`building the pprofserver fixture failed: ${stderr || err.message}`)) : resolve(out),
      );
    });
    binaries.set(goexperiment, binary);
  }
  return binary;
}

function readUntilReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => fail(new Error(`pprofserver printed no "ready" within 10 s: ${text}`)), 10_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (/^ready$/m.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.on('exit', (code) => fail(new Error(`pprofserver exited (${code}) before it was ready: ${text}`)));
  });
}

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A GET whose whole body is read as text (for the fixture's control paths). */
export function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url}: ${res.statusCode} ${body}`))));
      })
      .on('error', reject);
  });
}

export interface TestHttpServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

/** A Node HTTP server on 127.0.0.1:0 whose close() also drops open (stalled) connections. */
export async function startHttpServer(handler: http.RequestListener): Promise<TestHttpServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening: bound, then released. */
export async function closedPort(): Promise<number> {
  const s = await startHttpServer(() => undefined);
  await s.close();
  return s.port;
}

/**
 * A loopback port that accepts no connection: a child Node process listens
 * with a backlog of 1 and then blocks its event loop, and `fill()` opens
 * connections until the kernel's accept queue is full. Any further connect
 * then hangs (Linux drops the SYN), which is what a connect timeout needs.
 */
export async function startStalledListener(): Promise<{ port: number; close(): void }> {
  const script = `const s = require('net').createServer();
s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  console.log(s.address().port);
  setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 50);
});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`stalled listener exited (${code})`)));
  });
  await new Promise((r) => setTimeout(r, 150)); // let it block
  const sockets: Socket[] = [];
  for (let i = 0; i < 10; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    sockets.push(s);
    const connected = await new Promise<boolean>((resolve) => {
      s.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 200);
    });
    if (!connected) break;
  }
  return {
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      child.kill('SIGKILL');
      running.delete(child);
    },
  };
}

/** A self-signed certificate for 127.0.0.1 and localhost (openssl), or undefined without openssl. */
export function selfSignedCert(): { key: string; cert: string; certFile: string } | undefined {
  const dir = captureTempDir('gomem-tls-');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  if (r.status !== 0) return undefined;
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

/** A fresh temp dir for captured files, removed when the test process exits. */
export function captureTempDir(prefix = 'gomem-capture-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

const tempDirs: string[] = [];
process.on('exit', () => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/**
 * flat and cum of one function for one sample type in a captured profile,
 * decoded and aggregated by gomem itself (decodeProfile + buildTables): what
 * the capture tests compare with what the fixtures are known to do.
 */
export function functionValue(file: string, fn: string, type: string): { flat: number; cum: number } {
  const p = decodeProfile(fs.readFileSync(file), { gunzip: zlibGunzip, source: file });
  const t = p.sampleTypes.findIndex((s) => s.type === type);
  if (t < 0) throw new Error(`${file} has no sample type ${type} (has ${p.sampleTypes.map((s) => s.type).join(', ')})`);
  const { functions } = buildTables(p);
  const r = functions.rows.findIndex((row) => row.function === fn);
  const v = functions.valuesOf(t);
  return r < 0 ? { flat: 0, cum: 0 } : { flat: v.flat[r], cum: v.cum[r] };
}
