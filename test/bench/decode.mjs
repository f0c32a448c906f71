#!/usr/bin/env node
// Decode benchmark: gomem's pprof decoder against its peers, in one run.
//
//   node test/bench/decode.mjs            medium (~5 MB gz) and large (≥40 MB gz) profiles
//   node test/bench/decode.mjs --quick    medium profile only, 3 runs (smoke test)
//   options: --runs N (runs per contender), --regen (rebuild the cached profiles)
//
// Profiles: real Go heap profiles written by runtime/pprof from the program in
// test/bench/gen (MemProfileRate = 1, a random walk through 64 generated
// functions × 16 call sites, so nearly every allocation has its own stack and
// sample). Cached in $TMPDIR/gomem-bench, regenerated when missing.
//
// Contenders, each run in its own child process (fresh heap, own peak RSS),
// round-robin so machine noise spreads evenly; medians are reported:
//   gomem          streamed zlib gunzip + decode + per-line values of the default
//                  sample type and its count type (what opening a profile shows)
//   gomem-all      the same + every sample type for lines and functions (what the
//                  server computes in the background after opening; informational)
//   gomem phases   zlib gunzip alone, pako gunzip alone, decodeProfile on raw bytes
//   go tool pprof  `go tool pprof -top -lines -nodefraction=0 FILE > /dev/null` (wall, /usr/bin/time -v RSS)
//   pprof-format   Profile.decode(raw bytes)
//   protobufjs     reflection decode of the whole message (util.Long = null, see FORMATS.md §1)
// Node children time their work in-process (file already read); go tool pprof
// is timed from outside, so its time includes process start-up and reading.
//
// It is a benchmark, not a test: PASS/MISS are printed, the exit code is 0.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSources, cacheDir, ensureProfileFile, goCommand, goEnv, median, profilePath, run } from './profiles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const PEER_HEAP_MB = 16384;
const PPROF_TIMEOUT_S = 240;

const argv = process.argv.slice(2);

// ---------------------------------------------------------------------------
// Parent

async function main() {
  const loadAtStart = os.loadavg()[0];
  const quick = argv.includes('--quick');
  const regen = argv.includes('--regen');
  const runsArg = argv.indexOf('--runs');
  const runsOverride = runsArg >= 0 ? Number(argv[runsArg + 1]) : undefined;
  fs.mkdirSync(cacheDir, { recursive: true });

  const bundle = await buildBundle();
  const names = quick ? ['medium'] : ['medium', 'large'];
  const profiles = names.map((name) => ensureProfile(name, bundle, regen));
  for (const p of profiles) {
    console.log(
      `profile ${p.name}: ${mb(p.gzBytes)} gz, ${mb(p.rawBytes)} raw protobuf, ${p.samples.toLocaleString('en')} samples, ` +
        `${p.locations.toLocaleString('en')} locations, ${p.functions} functions, ${p.frames.toLocaleString('en')} stack frames ` +
        `(types: ${p.sampleTypes.join(', ')})  ${p.file}`,
    );
  }

  const go = goCommand();
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  if (go) warmPprof(go, profiles[0].file);

  const results = [];
  for (const p of profiles) {
    const runs = runsOverride ?? (quick ? 3 : p.name === 'large' ? 3 : 5);
    console.log(`\n== ${p.name}: ${runs} runs per contender ==`);
    const stats = measureProfile(p, runs, bundle, go, timeBin);
    const base = childRun('baseline', p.file, bundle, []);
    results.push({ p, runs, stats, baselineRSS: base.error ? NaN : base.maxRSSKiB * 1024 });
  }
  console.log('');
  for (const r of results) printTable(r);
  printEnvironment(go, loadAtStart);
}

function buildBundle() {
  return bundleSources('bench', [
        "export { decodeProfile } from './src/core/pprof/decode';",
        "export { buildTables } from './src/core/pprof/tables';",
        "export { companionCountType } from './src/core/pprof/sampleTypes';",
        "export { pakoGunzip, DEFAULT_MAX_DECOMPRESSED } from './src/core/pprof/gunzip';",
        "export { zlibGunzip } from './src/node/zlibGunzip';",
        "export { loadProfileFile } from './src/node/loadProfile';",
      ]);
}

/** The cached profile for `name`, generated (and described) when missing. */
function ensureProfile(name, bundle, regen) {
  const file = ensureProfileFile(name, regen);
  const infoFile = profilePath(name).replace(/\.pb\.gz$/, '.json');
  let info;
  try {
    info = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
    if (info.gzBytes !== fs.statSync(file).size) info = undefined;
  } catch {
    info = undefined;
  }
  if (!info) {
    info = childRun('info', file, bundle, []).result;
    fs.writeFileSync(infoFile, JSON.stringify(info));
  }
  return { name, file, ...info };
}

/** Contenders: [label, kind, mode]; kind node = child process of this script. */
function contenders(go) {
  const list = [
    { id: 'gomem', label: 'gomem: load file (streamed) + tables', mode: 'gomem' },
    { id: 'gomemAll', label: '  … + every sample type, lines and functions', mode: 'gomem-all' },
    { id: 'zlib', label: '  gunzip alone (zlib)', mode: 'gunzip-zlib' },
    { id: 'pako', label: '  gunzip alone (pako)', mode: 'gunzip-pako' },
    { id: 'decode', label: '  decodeProfile alone (raw in)', mode: 'decode' },
    { id: 'pprofFormat', label: 'pprof-format Profile.decode (raw in)', mode: 'pprof-format', peer: true },
    { id: 'protobufjs', label: 'protobufjs reflection decode (raw in)', mode: 'protobufjs', peer: true },
  ];
  if (go) list.push({ id: 'goPprof', label: 'go tool pprof -top -lines (process)', go: true });
  return list;
}

function measureProfile(p, runs, bundle, go, timeBin) {
  const list = contenders(go);
  const stats = Object.fromEntries(list.map((c) => [c.id, { c, runs: [], skipped: undefined, errors: [] }]));
  for (let r = 0; r < runs; r++) {
    for (const c of list) {
      const st = stats[c.id];
      if (st.skipped) continue;
      let res;
      if (c.go) res = pprofRun(go, timeBin, p.file);
      else res = childRun(c.mode, p.file, bundle, c.peer ? [`--max-old-space-size=${PEER_HEAP_MB}`] : []);
      if (res.error) {
        st.errors.push(res.error);
        if (res.timedOut) st.skipped = res.error;
        console.log(`  run ${r + 1} ${c.id}: FAILED ${res.error}`);
        continue;
      }
      st.runs.push(res);
      const extra = res.result?.tablesSeconds !== undefined ? ` (decode ${fmtS(res.result.decodeSeconds)}, tables ${fmtS(res.result.tablesSeconds)})` : '';
      console.log(`  run ${r + 1} ${c.id.padEnd(11)} ${fmtS(res.seconds)} s${extra}  peak RSS ${mb(res.maxRSSKiB * 1024)}  (process wall ${fmtS(res.wall)} s)`);
    }
  }
  for (const st of Object.values(stats)) {
    if (st.runs.length === 0) continue;
    st.seconds = median(st.runs.map((x) => x.seconds));
    st.min = Math.min(...st.runs.map((x) => x.seconds));
    st.max = Math.max(...st.runs.map((x) => x.seconds));
    st.wall = median(st.runs.map((x) => x.wall));
    st.rss = median(st.runs.map((x) => x.maxRSSKiB)) * 1024;
    st.samples = st.runs[0].result?.samples;
    if (st.runs[0].result?.tablesSeconds !== undefined) {
      st.decodeSeconds = median(st.runs.map((x) => x.result.decodeSeconds));
      st.tablesSeconds = median(st.runs.map((x) => x.result.tablesSeconds));
      st.rows = st.runs[0].result.rows;
    }
  }
  return stats;
}

/** Runs this script as a child in `mode`; its last stdout line is JSON. */
function childRun(mode, file, bundle, nodeFlags) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), '--child', mode, file, bundle], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    return { error: `${mode} exited ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
  }
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  return { seconds: result.seconds, maxRSSKiB: result.maxRSSKiB, wall, result };
}

function pprofRun(go, timeBin, file) {
  const out = fs.openSync('/dev/null', 'w');
  const args = ['tool', 'pprof', '-top', '-lines', '-nodefraction=0', file];
  const t0 = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-v', go, ...args], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: goEnv(), timeout: PPROF_TIMEOUT_S * 1000, killSignal: 'SIGKILL' })
    : spawnSync(go, args, { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: goEnv(), timeout: PPROF_TIMEOUT_S * 1000, killSignal: 'SIGKILL' });
  const wall = (performance.now() - t0) / 1000;
  fs.closeSync(out);
  if (r.error?.code === 'ETIMEDOUT' || (r.signal === 'SIGKILL' && wall >= PPROF_TIMEOUT_S)) {
    return { error: `did not finish within ${PPROF_TIMEOUT_S} s`, timedOut: true };
  }
  if (r.status !== 0) return { error: `exited ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr || '');
  return { seconds: wall, wall, maxRSSKiB: m ? Number(m[1]) : NaN };
}

/** One untimed run so the go command's tool build and the file cache are warm. */
function warmPprof(go, file) {
  const r = spawnSync(go, ['tool', 'pprof', '-top', '-lines', '-nodefraction=0', file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: goEnv() });
  if (r.status !== 0) console.log(`warning: go tool pprof failed: ${(r.stderr || '').trim()}`);
}

// ---------------------------------------------------------------------------
// Report

const TARGETS = {
  goPprof: { min: 10, vs: 'gomem', what: '≥ 10×' },
  pprofFormat: { min: 4, vs: 'decode', what: '≥ 4×' },
  protobufjs: { min: 3, vs: 'decode', what: '≥ 3×' },
};

function printTable({ p, runs, stats, baselineRSS }) {
  const g = stats.gomem;
  const rows = [];
  const line = '-'.repeat(132);
  console.log(line);
  console.log(
    `${p.name.toUpperCase()} profile: ${mb(p.gzBytes)} gzipped, ${mb(p.rawBytes)} raw, ${p.samples.toLocaleString('en')} samples, ` +
      `${p.locations.toLocaleString('en')} locations, ${p.frames.toLocaleString('en')} frames; median of ${runs} runs, one child process per run`,
  );
  console.log(line);
  rows.push(['contender', 'median s', 'min–max s', 'peak RSS', 'RSS/raw', 'ratio', 'target', '']);
  for (const st of Object.values(stats)) {
    const c = st.c;
    if (st.runs.length === 0) {
      rows.push([c.label, 'skipped', '', '', '', '', TARGETS[c.id]?.what ?? '', st.skipped || st.errors[0] || '']);
      continue;
    }
    let ratio = '', target = '', verdict = '';
    const t = TARGETS[c.id];
    if (t && g?.seconds) {
      const base = t.vs === 'gomem' ? g.seconds : stats.decode?.seconds;
      if (base) {
        const x = st.seconds / base;
        ratio = `${x.toFixed(1)}×`;
        target = t.what;
        verdict = x >= t.min ? 'PASS' : 'MISS';
      }
    } else if (c.id === 'pako' && stats.zlib?.seconds) {
      ratio = `${(st.seconds / stats.zlib.seconds).toFixed(2)}× zlib`;
    }
    const rssRatio = st.rss / p.rawBytes;
    rows.push([c.label, fmtS(st.seconds), `${fmtS(st.min)}–${fmtS(st.max)}`, mb(st.rss), `${rssRatio.toFixed(2)}×`, ratio, target, verdict]);
    if (c.id === 'gomem' || c.id === 'gomemAll') {
      rows.push(['  of which loadProfileFile (read + inflate + decode)', fmtS(st.decodeSeconds), '', '', '', '', '', '']);
      rows.push(['  of which buildTables', fmtS(st.tablesSeconds), '', '', '', '', '', '']);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log(r.map((cell, i) => (i === 0 || i === 7 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '));

  console.log('');
  if (g?.seconds) {
    const rssX = g.rss / p.rawBytes;
    console.log(`  gomem peak RSS ÷ raw size: ${rssX.toFixed(2)}× (${mb(g.rss)} ÷ ${mb(p.rawBytes)})   target ≤ 3×   ${rssX <= 3 ? 'PASS' : 'MISS'}`);
    console.log(`    of which node start-up + bundle + the gz input (a child that only reads the file): ${mb(baselineRSS)}`);
    if (stats.goPprof?.seconds) {
      console.log(
        `  go tool pprof ÷ gomem whole process (node start-up + bundle load + read + decode + tables: ${fmtS(g.wall)} s): ` +
          `${(stats.goPprof.seconds / g.wall).toFixed(1)}× (informational)`,
      );
    }
    for (const id of ['pprofFormat', 'protobufjs']) {
      if (stats[id]?.seconds) {
        console.log(`  ${stats[id].c.label} ÷ gomem full (gunzip + decode + tables): ${(stats[id].seconds / g.seconds).toFixed(1)}× (informational, stricter)`);
      }
    }
    const counts = Object.values(stats).filter((s) => s.samples !== undefined).map((s) => `${s.c.id}=${s.samples}`);
    const agree = new Set(Object.values(stats).filter((s) => s.samples !== undefined).map((s) => s.samples)).size === 1;
    console.log(`  sample counts decoded: ${counts.join(', ')} ${agree ? '(all agree)' : '(DISAGREE!)'}; gomem rows: ${g.rows ? `${g.rows.lines} lines, ${g.rows.functions} functions, ${g.rows.fileLines} file:line` : '?'}`);
  }
  console.log('');
}

function printEnvironment(go, loadAtStart) {
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const busy = Math.max(loadAtStart, os.loadavg()[0]) > os.cpus().length;
  if (busy) console.log(`NOTE: load average above the CPU count (at start ${loadAtStart.toFixed(1)}): other processes compete, absolute times and ratios are noisy.`);
  let goVer = 'go not found: go tool pprof skipped';
  if (go) goVer = spawnSync(go, ['version'], { encoding: 'utf8', env: goEnv() }).stdout.trim();
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${mb(os.totalmem())} RAM, load average ${load}; node ${process.version}; ${goVer}`);
  console.log(`ratios: go tool pprof ÷ gomem (gunzip + decode + tables); pprof-format and protobufjs ÷ gomem decodeProfile alone (all decode raw bytes).`);
  console.log(`peers run with --max-old-space-size=${PEER_HEAP_MB} (protobufjs/pprof-format need more than the default heap on the large profile); gomem children run with node defaults.`);
}

// ---------------------------------------------------------------------------
// Child: one measurement, JSON on the last stdout line.

async function child(mode, file, bundlePath) {
  const require = createRequire(import.meta.url);
  const gomem = require(bundlePath);
  const zlib = await import('node:zlib');
  // gomem loads from the file as the product does (streamed); everyone else gets the bytes.
  const gz = mode === 'gomem' || mode === 'gomem-all' ? undefined : fs.readFileSync(file);
  const max = gomem.DEFAULT_MAX_DECOMPRESSED;
  let out = {};
  let t0, t1, t2;
  switch (mode) {
    case 'info': {
      const raw = zlib.gunzipSync(gz);
      const p = gomem.decodeProfile(raw);
      out = {
        gzBytes: gz.length,
        rawBytes: raw.length,
        samples: p.samples.count,
        locations: p.locations.length,
        functions: p.functions.length,
        frames: p.samples.locations.length,
        sampleTypes: p.sampleTypes.map((t) => `${t.type}/${t.unit}`),
      };
      break;
    }
    case 'baseline': {
      // Node start-up + bundle + the gz input held: the floor under every node contender's RSS.
      out = { seconds: 0, gzBytes: gz.length };
      break;
    }
    case 'gomem':
    case 'gomem-all': {
      t0 = performance.now();
      const p = await gomem.loadProfileFile(file);
      t1 = performance.now();
      const tables = gomem.buildTables(p);
      // What opening a profile shows: per-line values of the default sample
      // type and its count type (go tool pprof -top -lines computes one type).
      // gomem-all also computes what the server fills in the background.
      const shown = [p.defaultSampleTypeIndex, gomem.companionCountType(p.sampleTypes, p.defaultSampleTypeIndex)].filter((t) => t >= 0);
      const types = mode === 'gomem' ? shown : p.sampleTypes.map((_, i) => i);
      // Two types per walk, as the server asks (Table.valuesOf's `alongside`).
      for (let i = 0; i < types.length; i += 2) {
        tables.fileLines.valuesOf(types[i], types[i + 1]);
        if (mode === 'gomem-all') tables.functions.valuesOf(types[i], types[i + 1]);
      }
      for (const t of types) tables.totalOf(t); // the 100% of shares (the walks recorded it)
      t2 = performance.now();
      out = {
        seconds: (t2 - t0) / 1000,
        decodeSeconds: (t1 - t0) / 1000,
        tablesSeconds: (t2 - t1) / 1000,
        samples: p.samples.count,
        rows: { lines: tables.lines.rows.length, functions: tables.functions.rows.length, fileLines: tables.fileLines.rows.length },
      };
      break;
    }
    case 'gunzip-zlib': {
      t0 = performance.now();
      const raw = gomem.zlibGunzip(gz, max);
      out = { seconds: (performance.now() - t0) / 1000, rawBytes: raw.length };
      break;
    }
    case 'gunzip-pako': {
      t0 = performance.now();
      const raw = gomem.pakoGunzip(gz, max);
      out = { seconds: (performance.now() - t0) / 1000, rawBytes: raw.length };
      break;
    }
    case 'decode': {
      const raw = zlib.gunzipSync(gz);
      t0 = performance.now();
      const p = gomem.decodeProfile(raw);
      out = { seconds: (performance.now() - t0) / 1000, samples: p.samples.count };
      break;
    }
    case 'pprof-format': {
      const { Profile } = await import('pprof-format');
      const raw = zlib.gunzipSync(gz);
      t0 = performance.now();
      const p = Profile.decode(raw);
      out = { seconds: (performance.now() - t0) / 1000, samples: p.sample.length };
      break;
    }
    case 'protobufjs': {
      const protobuf = require('protobufjs');
      // Without this every uint64 becomes a Long object and the large profile runs out of memory.
      protobuf.util.Long = null;
      protobuf.configure();
      const Profile = protobuf.parse(PROFILE_PROTO).root.lookupType('perftools.profiles.Profile');
      const raw = zlib.gunzipSync(gz);
      t0 = performance.now();
      const p = Profile.decode(raw);
      out = { seconds: (performance.now() - t0) / 1000, samples: p.sample.length };
      break;
    }
    default:
      throw new Error(`unknown child mode ${mode}`);
  }
  out.maxRSSKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// perftools.profiles, from github.com/google/pprof proto/profile.proto (comments dropped).
const PROFILE_PROTO = `
syntax = "proto3";
package perftools.profiles;
message Profile {
  repeated ValueType sample_type = 1;
  repeated Sample sample = 2;
  repeated Mapping mapping = 3;
  repeated Location location = 4;
  repeated Function function = 5;
  repeated string string_table = 6;
  int64 drop_frames = 7;
  int64 keep_frames = 8;
  int64 time_nanos = 9;
  int64 duration_nanos = 10;
  ValueType period_type = 11;
  int64 period = 12;
  repeated int64 comment = 13;
  int64 default_sample_type = 14;
  int64 doc_url = 15;
}
message ValueType { int64 type = 1; int64 unit = 2; }
message Sample { repeated uint64 location_id = 1; repeated int64 value = 2; repeated Label label = 3; }
message Label { int64 key = 1; int64 str = 2; int64 num = 3; int64 num_unit = 4; }
message Mapping {
  uint64 id = 1; uint64 memory_start = 2; uint64 memory_limit = 3; uint64 file_offset = 4;
  int64 filename = 5; int64 build_id = 6;
  bool has_functions = 7; bool has_filenames = 8; bool has_line_numbers = 9; bool has_inline_frames = 10;
}
message Location { uint64 id = 1; uint64 mapping_id = 2; uint64 address = 3; repeated Line line = 4; bool is_folded = 5; }
message Line { uint64 function_id = 1; int64 line = 2; int64 column = 3; }
message Function { uint64 id = 1; int64 name = 2; int64 system_name = 3; int64 filename = 4; int64 start_line = 5; }
`;

// ---------------------------------------------------------------------------
// Helpers





function mb(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : '?';
}

function fmtS(s) {
  if (s === undefined || !Number.isFinite(s)) return '?';
  return s < 10 ? s.toFixed(3) : s.toFixed(1);
}

// Last, so every const above is initialised.
if (argv[0] === '--child') {
  await child(argv[1], argv[2], argv[3]);
} else {
  await main();
}
