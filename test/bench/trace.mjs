#!/usr/bin/env node
// Trace benchmark: gomem's full trace summary against Go's own trace reader,
// in one run, on the same large file.
//
//   node test/bench/trace.mjs             a ≥100 MiB Go trace (plus a 25 MiB one for the memory check)
//   options: --mb N (size of the large trace, default 100), --small-mb N (default 25),
//            --runs N (runs per contender, default 1: Go needs minutes), --regen (record the traces again)
//
// Traces: program busy of test/fixtures/trace-programs (ping-pong goroutines, a contended mutex,
// short-lived goroutines, garbage that keeps the GC cycling) built and run with
// the machine's Go until its trace file reaches the size asked for. Cached in
// $TMPDIR/gomem-bench.
//
// Contenders, each a fresh process timed from outside (wall clock and peak RSS
// from /usr/bin/time -v), so both pay for start-up and reading the file:
//   gomem      `node <bundled cli> trace FILE --json > /dev/null` (read, order, summarize, print JSON)
//   go         `<go tool trace binary> -d=parsed FILE > /dev/null` (Go's reader, every event printed)
// Ratio = gomem / go (medians); target ≤ 1.0. Peak RSS is printed for both,
// and gomem's for the small and the large trace, to show that memory follows
// the size of a generation, not of the file.
//
// It is a benchmark, not a test: PASS/MISS are printed, the exit code is 0.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const cacheDir = path.join(os.tmpdir(), 'gomem-bench');
/** Bump when the busy program changes in a way that changes the traces. */
const GEN_VERSION = 1;
const TIME_BIN = '/usr/bin/time';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};

async function main() {
  const bigMb = opt('mb', 100);
  const smallMb = opt('small-mb', 25);
  const runs = opt('runs', 1);
  const regen = argv.includes('--regen');
  fs.mkdirSync(cacheDir, { recursive: true });
  const go = process.env.GOMEM_GO || 'go';
  if (spawnSync(go, ['version'], { env: goEnv() }).status !== 0) throw new Error('go not found: the benchmark needs it for the trace and as the peer');
  if (!fs.existsSync(TIME_BIN)) throw new Error(`${TIME_BIN} not found (Debian package "time"): it measures wall time and peak RSS`);

  const big = ensureTrace(go, bigMb, regen);
  const small = ensureTrace(go, smallMb, regen);
  const cli = await bundleCli();
  // `go tool trace` is built on first use; build it now, then time the binary itself.
  spawnSync(go, ['tool', 'trace', '-d=parsed', path.join(repo, 'test/fixtures/golden/traces/leak-go1.26.trace')], { stdio: 'ignore', env: goEnv() });
  const goTrace = spawnSync(go, ['tool', '-n', 'trace'], { encoding: 'utf8', env: goEnv() }).stdout.trim();
  const shape = traceShape(cli, big);
  console.log(`trace ${path.basename(big)}: ${mib(fs.statSync(big).size)} (${fs.statSync(big).size.toLocaleString('en')} bytes), ` +
    `Go ${shape.formatVersion} format, ${shape.generations} generation${shape.generations === 1 ? "" : "s"}, ${(shape.durationNs / 1e9).toFixed(1)} s traced, ` +
    `${shape.gcCount} GCs, ${shape.created.toLocaleString('en')} goroutines created`);

  const contenders = {
    gomem: [process.execPath, [cli, 'trace', big, '--json']],
    go: [goTrace, ['-d=parsed', big]],
  };
  const results = { gomem: [], go: [] };
  for (let r = 0; r < runs; r++) {
    // Alternate the order so machine noise spreads evenly.
    for (const name of r % 2 ? ['go', 'gomem'] : ['gomem', 'go']) {
      const m = measure(...contenders[name]);
      results[name].push(m);
      console.log(`  run ${r + 1} ${name.padEnd(6)} ${m.seconds.toFixed(2).padStart(8)} s  peak RSS ${m.rssMb.toFixed(0).padStart(5)} MB`);
    }
  }
  const smallRun = measure(process.execPath, [cli, 'trace', small, '--json']);

  const t = (name) => median(results[name].map((m) => m.seconds));
  const rss = (name) => Math.max(...results[name].map((m) => m.rssMb));
  const ratio = t('gomem') / t('go');
  console.log('');
  console.log(`contender  median wall   peak RSS   (${runs} run${runs > 1 ? 's' : ''} each, ${mib(fs.statSync(big).size)} trace)`);
  console.log(`gomem      ${t('gomem').toFixed(2).padStart(9)} s  ${rss('gomem').toFixed(0).padStart(6)} MB   node ${process.version}, trace --json`);
  console.log(`go         ${t('go').toFixed(2).padStart(9)} s  ${rss('go').toFixed(0).padStart(6)} MB   ${goVersion(go)}, go tool trace -d=parsed`);
  console.log(`ratio gomem/go = ${ratio.toFixed(3)}  (target ≤ 1.0: ${ratio <= 1 ? 'PASS' : 'MISS'})`);
  console.log(
    `memory: gomem peak RSS ${smallRun.rssMb.toFixed(0)} MB on ${mib(fs.statSync(small).size)}, ${rss('gomem').toFixed(0)} MB on ` +
      `${mib(fs.statSync(big).size)} (file ×${(fs.statSync(big).size / fs.statSync(small).size).toFixed(1)}, RSS ×${(rss('gomem') / smallRun.rssMb).toFixed(2)})`,
  );
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

/** The cached trace of about `mb` MiB, recorded with the busy program when missing. */
function ensureTrace(go, mb, regen) {
  const file = path.join(cacheDir, `trace-busy-${mb}mb-v${GEN_VERSION}.trace`);
  if (!regen && fs.existsSync(file)) return file;
  const bin = path.join(cacheDir, 'trace-busy');
  run(go, ['build', '-trimpath', '-o', bin, './busy'], { cwd: path.join(repo, 'test/fixtures/trace-programs'), env: goEnv() });
  console.log(`recording a ${mb} MiB trace with the busy program…`);
  run(bin, ['-out', file + '.tmp', '-mb', String(mb)]);
  fs.renameSync(file + '.tmp', file);
  return file;
}

/** gomem's CLI bundled from the sources (production settings), independent of dist/. */
async function bundleCli() {
  const out = path.join(cacheDir, 'gomem-cli.cjs');
  await build({
    entryPoints: [path.join(repo, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    outfile: out,
    logLevel: 'warning',
  });
  return out;
}

function traceShape(cli, file) {
  const r = spawnSync(process.execPath, [cli, 'trace', file, '--json', '--n', '1'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`gomem trace failed: ${r.stderr}`);
  const s = JSON.parse(r.stdout);
  return { ...s, created: s.goroutines.created };
}

/** Wall seconds and peak RSS of one run, stdout discarded. */
function measure(cmd, args) {
  const r = spawnSync(TIME_BIN, ['-v', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26, env: goEnv() });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-2000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, rssMb: Number(rss[1]) / 1024 };
}

function goEnv() {
  return { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' };
}

function goVersion(go) {
  return spawnSync(go, ['version'], { encoding: 'utf8', env: goEnv() }).stdout.trim().replace(/^go version /, '');
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mib(bytes) {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

await main();
