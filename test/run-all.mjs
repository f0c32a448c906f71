#!/usr/bin/env node
// The one test command (`npm test`, `.ci/run`): dependencies, build, typecheck,
// then the test tiers, each timed, then a summary whose very last line is
//   total: N passed, N failed, N skipped
// (CI reads exactly that shape). Exit status is non-zero when anything failed or
// a tier could not run; a failed step (deps, build, typecheck) or a tier that could
// not run counts as one failure in that line, so the counts alone never look green.
//
//   node test/run-all.mjs [--only unit|webview|integration]...
//
// Environment is passed through untouched: with CI=true the tests themselves
// refuse to skip what needs Go. GOMEM_TEST_VERBOSE=1 shows code-server's log.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureAptPackages, ensureCodeServer } from '../scripts/setup-code-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'test-results');
const TIERS = ['unit', 'webview', 'integration'];
// Per-tier ceilings keep the whole run well under CI's 90 minutes even when something hangs.
const LIMIT_MS = { unit: 25 * 60_000, webview: 15 * 60_000, integration: 30 * 60_000 };

const header = (text) => console.log(`\n==> ${text}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/**
 * Runs a command with inherited stdio from the repo root; resolves with its exit
 * code. Kills its process group after `limitMs` so a hung tier cannot eat the run.
 */
function exec(cmd, args, { limitMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', detached: true });
    let timer;
    if (limitMs) {
      timer = setTimeout(() => {
        console.error(`!! ${cmd} ${args.join(' ')} exceeded ${seconds(limitMs)}; killing it`);
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, limitMs);
    }
    // The child has its own process group, so Ctrl-C reaches only us: take it down, then stop.
    const forward = (sig) => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      process.exit(sig === 'SIGINT' ? 130 : 143);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      console.error(`!! cannot start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (sig ? 128 : 1));
    });
  });
}

/** mtime in ms, or 0 when the path does not exist. */
function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** (a) npm dependencies: install when node_modules is missing or older than the lock file. */
async function ensureDeps() {
  header('dependencies');
  // Debian packages first: tests of every tier use them (Chromium, Neovim).
  try {
    ensureAptPackages();
  } catch (err) {
    console.error(`could not install Debian packages: ${err.message}`);
    if (process.env.CI === 'true') return false;
  }
  const lock = path.join(ROOT, 'package-lock.json');
  // npm rewrites node_modules/.package-lock.json on every install: the best "installed at" stamp.
  const installed = mtime(path.join(ROOT, 'node_modules', '.package-lock.json'));
  const hasModules = fs.existsSync(path.join(ROOT, 'node_modules'));
  if (hasModules && installed > 0 && installed >= mtime(lock)) {
    console.log('node_modules is up to date');
    return true;
  }
  const args = fs.existsSync(lock) ? ['ci'] : ['install'];
  console.log(`running npm ${args.join(' ')}`);
  return (await exec('npm', args)) === 0;
}

/** (b) Dev build (dist/ and out/test/) and typecheck; stale test bundles are removed first. */
async function buildAndTypecheck() {
  header('build (node esbuild.mjs)');
  // out/test is generated; a test whose source was deleted must not keep running.
  fs.rmSync(path.join(ROOT, 'out', 'test'), { recursive: true, force: true });
  const built = (await exec(process.execPath, ['esbuild.mjs'])) === 0;
  console.log(built ? 'build ok' : '!! build failed');

  header('typecheck (tsc --noEmit -p .)');
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const typed = (await exec(process.execPath, [tsc, '--noEmit', '-p', '.'])) === 0;
  console.log(typed ? 'typecheck ok' : '!! typecheck failed');
  return { built, typed };
}

/** Every *.test.js below `dir`, relative to the repo root, sorted. */
function testFilesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.relative(ROOT, path.join(dir, f)))
    .sort();
}

/** Counts from the summary node's TAP reporter writes last; undefined when the run died before it. */
function parseTapCounts(text) {
  const count = (key) => {
    const m = new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const pass = count('pass');
  const fail = count('fail');
  if (pass === undefined || fail === undefined) return undefined;
  return {
    passed: pass,
    // A cancelled test (timeout, file that crashed mid-run) did not pass.
    failed: fail + (count('cancelled') ?? 0),
    skipped: (count('skipped') ?? 0) + (count('todo') ?? 0),
  };
}

/** (c, d) A `node --test` tier over out/test/<name>: spec to the console, TAP to a file for counting. */
async function nodeTestTier(name, { required }) {
  const files = testFilesUnder(path.join(ROOT, 'out', 'test', name));
  if (files.length === 0) {
    return required
      ? { status: 'error', note: `no *.test.js under out/test/${name}` }
      : { status: 'absent', note: `no tests under out/test/${name}` };
  }
  const tap = path.join(RESULTS, `${name}.tap`);
  fs.rmSync(tap, { force: true });
  console.log(`${files.length} test file(s); TAP → ${path.relative(ROOT, tap)}`);
  const code = await exec(
    process.execPath,
    [
      '--enable-source-maps',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { limitMs: LIMIT_MS[name] },
  );
  const counts = fs.existsSync(tap) ? parseTapCounts(fs.readFileSync(tap, 'utf8')) : undefined;
  if (!counts) return { status: 'error', note: `node --test exited ${code} without a TAP summary` };
  if (code !== 0 && counts.failed === 0) {
    return { status: 'error', ...counts, note: `node --test exited ${code} although no test failed` };
  }
  return { status: counts.failed > 0 ? 'failed' : 'ok', ...counts };
}

/** A fresh copy of the fixture workspace (or an empty one until the fixture exists). */
function freshWorkspace() {
  const base = path.join(RESULTS, 'workspace');
  fs.rmSync(base, { recursive: true, force: true });
  const fixture = path.join(ROOT, 'test', 'fixtures', 'allocs');
  const workspace = path.join(base, fs.existsSync(fixture) ? 'allocs' : 'empty');
  if (fs.existsSync(fixture)) fs.cpSync(fixture, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });
  return workspace;
}

/** (e) The extension-host suite in a real VS Code (code-server + headless Chromium). */
async function integrationTier() {
  const testsPath = path.join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js');
  if (!fs.existsSync(testsPath)) return { status: 'error', note: `${path.relative(ROOT, testsPath)} was not built` };
  await ensureCodeServer();
  // Imported late: it needs playwright-core, which step (a) may have just installed.
  const { runInCodeServer } = await import('./integration/runCodeServer.mjs');
  const workspace = freshWorkspace();
  const screenshotDir = path.join(RESULTS, 'screenshots');
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  console.log(`workspace ${path.relative(ROOT, workspace)}; screenshots → ${path.relative(ROOT, screenshotDir)}`);
  const results = await runInCodeServer({
    extensionPath: ROOT,
    testsPath,
    workspace,
    resultsFile: path.join(RESULTS, 'integration.json'),
    screenshotDir,
    timeoutMs: LIMIT_MS.integration,
  });
  for (const t of results.tests ?? []) {
    const mark = { passed: '✔', failed: '✖', skipped: '-' }[t.state] ?? '?';
    console.log(`  ${mark} ${t.title}${t.durationMs ? ` (${t.durationMs}ms)` : ''}`);
  }
  for (const f of results.failures ?? []) console.log(`\n✖ ${f.title}\n${f.stack || f.message}`);
  const { passed = 0, failed = 0, skipped = 0 } = results;
  return { status: failed > 0 ? 'failed' : 'ok', passed, failed, skipped };
}

/** Runs one tier, timing it and turning a thrown error into "could not run". */
async function runTier(name, fn) {
  header(`${name} tests`);
  const started = Date.now();
  let result;
  try {
    result = await fn();
  } catch (err) {
    console.error(`!! ${name}: ${err.stack ?? err}`);
    result = { status: 'error', note: String(err.message ?? err).split('\n')[0] };
  }
  const ms = Date.now() - started;
  console.log(`${name}: ${result.status} in ${seconds(ms)}`);
  return { name, passed: 0, failed: 0, skipped: 0, ...result, ms };
}

function parseOptions() {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
  const only = values.only ?? TIERS;
  const unknown = only.filter((t) => !TIERS.includes(t));
  if (unknown.length) {
    console.error(`unknown tier(s): ${unknown.join(', ')} (expected ${TIERS.join('|')})`);
    process.exit(2);
  }
  return new Set(only);
}

/** Per-tier lines, then the exact final line CI parses. Returns whether everything passed. */
function summarize(steps, tiers) {
  header('summary');
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const s of steps) {
    console.log(`${s.name.padEnd(12)} ${s.ok ? 'ok' : 'FAILED (counted as 1 failure)'}`);
    if (!s.ok) total.failed++;
  }
  for (const t of tiers) {
    const counts = `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
    const state = { ok: 'ok', failed: 'FAILED', error: 'COULD NOT RUN', absent: 'none' }[t.status];
    console.log(`${t.name.padEnd(12)} ${state.padEnd(13)} ${counts}  [${seconds(t.ms)}]${t.note ? `  (${t.note})` : ''}`);
    total.passed += t.passed;
    total.skipped += t.skipped;
    // A tier that could not run must not look green to whoever reads only the counts.
    total.failed += t.status === 'error' ? Math.max(t.failed, 1) : t.failed;
  }
  console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0;
}

async function main() {
  const only = parseOptions();
  const started = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });

  const steps = [];
  const depsOk = await ensureDeps();
  steps.push({ name: 'deps', ok: depsOk });
  let built = false;
  if (depsOk) {
    const r = await buildAndTypecheck();
    built = r.built;
    steps.push({ name: 'build', ok: r.built }, { name: 'typecheck', ok: r.typed });
  }

  const tiers = [];
  const runners = {
    unit: () => nodeTestTier('unit', { required: true }),
    webview: () => nodeTestTier('webview', { required: false }),
    integration: integrationTier,
  };
  for (const name of TIERS.filter((t) => only.has(t))) {
    if (!built) {
      tiers.push({ name, status: 'error', passed: 0, failed: 0, skipped: 0, ms: 0, note: 'build failed' });
      continue;
    }
    tiers.push(await runTier(name, runners[name]));
  }
  console.log(`\nwall time ${seconds(Date.now() - started)}`);
  const ok = summarize(steps, tiers);
  process.exit(ok ? 0 : 1);
}

await main();
