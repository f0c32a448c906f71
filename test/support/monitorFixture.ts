/**
 * For the memory-monitor tests: the expvarserver fixture (expvar and pprof
 * with frozen GC numbers) as a running process, and a server that accepts
 * requests and never answers while counting how many are open at once.
 */
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import { captureTempDir, FIXTURE_GO_ENV, startHttpServer, type TestHttpServer } from './fixtureServer';
import { fixtureDir, goBinary } from './goTools';

export interface ExpvarServer {
  /** `http://127.0.0.1:PORT/debug/pprof/` */
  readonly pprofUrl: string;
  readonly baseUrl: string;
  stop(): void;
}

let binary: Promise<string> | undefined;

export async function startExpvarServer(): Promise<ExpvarServer> {
  binary ??= new Promise((resolve, reject) => {
    const out = path.join(captureTempDir('gomem-expvarserver-'), 'expvarserver');
    execFile(goBinary(), ['build', '-buildvcs=false', '-o', out, '.'], { cwd: fixtureDir('expvarserver'), env: { ...process.env, ...FIXTURE_GO_ENV } }, (err, _o, stderr) =>
      err ? reject(new Error(`building the expvarserver fixture failed: ${stderr || err.message}`)) : resolve(out),
    );
  });
  const child = spawn(await binary, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  process.on('exit', () => child.kill('SIGKILL'));
  const text = await new Promise<string>((resolve, reject) => {
    let got = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      got += c;
      if (/^ready$/m.test(got)) resolve(got);
    });
    child.on('exit', (code) => reject(new Error(`expvarserver exited (${code}): ${got}`)));
  });
  const port = /^expvar .*:(\d+)$/m.exec(text)![1];
  const baseUrl = `http://127.0.0.1:${port}`;
  return { baseUrl, pprofUrl: `${baseUrl}/debug/pprof/`, stop: () => child.kill('SIGKILL') };
}

export interface SilentServer extends TestHttpServer {
  /** Connections open now, the most ever open at once, and how many were accepted. */
  readonly open: number;
  readonly maxOpen: number;
  readonly total: number;
}

/** A server that accepts connections and never answers, counting them. */
export async function startSilentServer(): Promise<SilentServer> {
  let open = 0;
  let maxOpen = 0;
  let total = 0;
  const server = await startHttpServer(() => undefined);
  server.server.on('connection', (socket) => {
    open++;
    total++;
    maxOpen = Math.max(maxOpen, open);
    socket.once('close', () => open--);
  });
  return Object.defineProperties(server, {
    open: { get: () => open },
    maxOpen: { get: () => maxOpen },
    total: { get: () => total },
  }) as SilentServer;
}
