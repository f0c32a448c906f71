#!/usr/bin/env node
// Language-server benchmark (issue 4): with the large benchmark profile
// (~110 MB raw, 1.6M samples) loaded, how long do inlay hints for a
// 5,000-line Go file take, and how long is the client's event loop blocked
// while the server loads the profile?
//
//   node test/bench/lsp.mjs [--profile medium|large] [--runs N]
//
// The client here is the same stack the VS Code extension host uses
// (vscode-jsonrpc / vscode-languageserver-protocol over a pipe), so its
// event-loop delay during a load stands for the extension host's: decoding
// happens in the server process. Times are round trips (an upper bound on
// server time), medians over N runs, and, for inlay hints, the server's own
// CPU time per request (from gomem/serverInfo); nothing here asserts.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureProfileFile, median } from './profiles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const { StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { createProtocolConnection } = require('vscode-languageserver-protocol');

const argv = process.argv.slice(2);
const arg = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const which = arg('--profile', 'large');
const runs = Number(arg('--runs', '50'));
const LINES = 5000;

async function main() {
  if (!fs.existsSync(path.join(repo, 'dist', 'server.js'))) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repo, stdio: 'inherit' });
  const profile = ensureProfileFile(which);
  const workspace = path.join(here, 'gen');
  const source = path.join(workspace, 'frames.go');
  const uri = pathToFileURL(source).href;
  // frames.go holds every allocating frame of the profile; padded to 5,000 lines with comments after its code.
  const real = fs.readFileSync(source, 'utf8').split('\n');
  const text = [...real, ...Array.from({ length: Math.max(0, LINES - real.length) }, (_, i) => `// padding ${i}`)].join('\n');

  // GOMEM_BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p' profiles the server (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env.GOMEM_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, path.join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'gen' }], capabilities: {}, initializationOptions: { trusted: true },
  });
  await conn.sendNotification('initialized', {});
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });

  // Load, watching this process's event loop (10 ms resolution, as coarse as a user would notice).
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = performance.now();
  const info = await conn.sendRequest('gomem/loadProfile', { path: profile });
  const loadMs = performance.now() - t0;
  h.disable();
  await conn.sendRequest('gomem/setSampleType', { sampleType: 'alloc_space' });

  const range = { start: { line: 0, character: 0 }, end: { line: LINES, character: 0 } };
  const time = async (method, params) => {
    const t = performance.now();
    const r = await conn.sendRequest(method, params);
    return [performance.now() - t, r];
  };
  let hints = [];
  for (let i = 0; i < 5; i++) [, hints] = await time('textDocument/inlayHint', { textDocument: { uri }, range });
  const hintMs = [];
  const cpuBefore = (await conn.sendRequest('gomem/serverInfo', {})).cpuMicros;
  for (let i = 0; i < runs; i++) hintMs.push((await time('textDocument/inlayHint', { textDocument: { uri }, range }))[0]);
  const cpuAfter = (await conn.sendRequest('gomem/serverInfo', {})).cpuMicros;
  const statsMs = [];
  for (let i = 0; i < runs; i++) statsMs.push((await time('gomem/lineStats', { uri }))[0]);
  const hoverLine = hints.length ? hints[0].position.line : 0;
  const hoverMs = [];
  for (let i = 0; i < Math.min(runs, 10); i++) hoverMs.push((await time('textDocument/hover', { textDocument: { uri }, position: { line: hoverLine, character: 2 } }))[0]);
  const lensMs = [];
  for (let i = 0; i < Math.min(runs, 10); i++) lensMs.push((await time('textDocument/codeLens', { textDocument: { uri } }))[0]);
  const mem = await conn.sendRequest('gomem/serverInfo', {});
  // A request that does no work: what the pipe and both event loops cost on this machine now.
  const noopMs = [];
  const noopBefore = (await conn.sendRequest('gomem/serverInfo', {})).cpuMicros;
  for (let i = 0; i < runs; i++) noopMs.push((await time('gomem/listProfiles', undefined))[0]);
  const noopAfter = (await conn.sendRequest('gomem/serverInfo', {})).cpuMicros;
  // Server CPU per request (handler + JSON encoding + write), less a no-op's: unlike round
  // trips it does not grow when other processes take the CPU between the two ends.
  const hintCpuMs = (cpuAfter - cpuBefore - (noopAfter - noopBefore)) / runs / 1000;

  const fmt = (ms) => `${ms.toFixed(2)} ms`;
  const raw = fs.statSync(profile).size;
  console.log(`\nprofile: ${path.basename(profile)} (${(raw / 1e6).toFixed(1)} MB gzipped, ${info.samples.toLocaleString('en')} samples); document: ${LINES} lines, ${hints.length} inlay hints`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; node ${process.version}`);
  const row = (what, v, target, pass) => console.log(`${what.padEnd(52)} ${v.padStart(12)}   ${target.padEnd(10)} ${pass === undefined ? '' : pass ? 'PASS' : 'MISS'}`);
  row('load in the server (round trip)', fmt(loadMs), '');
  row('client event loop blocked during the load: max', fmt(h.max / 1e6), '< 50 ms', h.max / 1e6 < 50);
  row('  … p99 of the event-loop delay', fmt(h.percentile(99) / 1e6), '');
  row(`inlay hints, ${LINES}-line file: median of ${runs}`, fmt(median(hintMs)), '< 5 ms', median(hintMs) < 5);
  row('  … max', fmt(Math.max(...hintMs)), '');
  row('  … minus a no-op round trip (≈ server time)', fmt(median(hintMs) - median(noopMs)), '< 5 ms', median(hintMs) - median(noopMs) < 5);
  row('  … server CPU per request, minus a no-op\'s', fmt(hintCpuMs), '< 5 ms', hintCpuMs < 5);
  row('no-op request round trip, median', fmt(median(noopMs)), '');
  row('line stats (decorations), median', fmt(median(statsMs)), '');
  row('hover with call paths, median', fmt(median(hoverMs)), '');
  row('code lenses, median', fmt(median(lensMs)), '');
  row('server RSS after load', `${(mem.rssBytes / 1e6).toFixed(0)} MB`, '');
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  // Let it exit by itself (a --cpu-prof profile is written at exit), then make sure.
  await new Promise((resolve) => {
    proc.once('exit', resolve);
    setTimeout(resolve, 5000).unref();
  });
  proc.kill();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
