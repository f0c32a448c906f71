#!/usr/bin/env node
// Runs the extension-host test suite in a real VS Code: code-server (server side,
// where the extension host runs) driven by headless Debian Chromium via
// playwright-core. The same suite runs under @vscode/test-electron (runElectron.mjs).
//
//   node test/integration/runCodeServer.mjs --extension . --tests out/test/integration/suite/index.js \
//        --workspace DIR [--results FILE] [--screenshots DIR] [--timeout MS]
//
// Protocol with the suite (test/integration/suite/index.ts, screenshot.ts), all via
// environment variables that code-server hands down to the extension host:
//   GOMEM_TEST_RESULTS    the suite writes its JSON results here; its appearance ends the run
//   GOMEM_SCREENSHOT_DIR  the suite drops NAME.request; we write NAME.png, then delete the request
//   GOMEM_TEST_WORKSPACE  the folder VS Code was opened on (for assertions)
//   GOMEM_TEST_DLV        Delve (installed into a cache by dlv-extension/ensureDlv.mjs), which the
//                         test-only extension in dlv-extension/ (loaded beside gomem) runs as the
//                         `go` debug adapter, like vscode-go
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureCodeServer, hermeticCodeServerEnv } from '../../scripts/setup-code-server.mjs';
import { ensureDlv } from './dlv-extension/ensureDlv.mjs';

const CHROMIUM = '/usr/bin/chromium';
// The test-only `go` debug adapter extension (Delve), loaded beside the extension under test.
const DLV_EXTENSION = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dlv-extension');
const POLL_MS = 200;
// The workbench starts the extension host within seconds; if it has not after this,
// it never will (bad payload, broken page) and waiting for the full timeout is pointless.
const LAUNCH_MS = 120_000;
// GOMEM_TEST_VERBOSE=1: forward the relevant server/workbench lines live; =2: every line.
const verbosity = Number(process.env.GOMEM_TEST_VERBOSE ?? 0) || 0;
const verbose = verbosity >= 1;
// Server log lines worth showing: errors and the extension host's fate.
const INTERESTING = /error|exception|Extension Host Process exited|\bexited with code|ERR\b|fail/i;

// Expected on machines without internet: the workbench asks the extension gallery.
const NOISE = /open-vsx\.org|net::ERR_NAME_NOT_RESOLVED/;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A loopback port nobody listens on right now. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Keeps the server's output: a bounded tail for failure reports, live forwarding
 * when verbose. The extension host's stdout (where the suite's mocha reporter
 * writes) reaches us through code-server's log as "[ExtensionHostConnection] <pid> …",
 * only the first line of each chunk prefixed.
 */
class LogTail {
  constructor(limit = 400) {
    this.lines = [];
    this.limit = limit;
    this.extHostExit = undefined; // exit code once the server reports the extension host gone
    this.inExtHostOutput = false;
    this.extHostLaunched = false;
  }
  feed(prefix, chunk) {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim() || NOISE.test(line)) continue;
      const fromExtHost = prefix === '[code-server]' && this.classify(line);
      this.lines.push({ text: `${prefix} ${line}`, fromExtHost });
      if (this.lines.length > this.limit) this.lines.shift();
      const m = /Extension Host Process exited with code: (-?\d+|null)/.exec(line);
      if (m) this.extHostExit = m[1] === 'null' ? -1 : Number(m[1]);
      if (/Launched Extension Host Process/.test(line)) this.extHostLaunched = true;
      if (verbosity >= 2 || (verbose && (fromExtHost || INTERESTING.test(line)))) process.stderr.write(`${prefix} ${line}\n`);
    }
  }
  /** True for lines the extension host printed (test reporter output). */
  classify(line) {
    const m = /\[ExtensionHostConnection\] <\d+> (.*)$/.exec(line);
    if (m) {
      this.inExtHostOutput = !/^(Launched Extension Host Process|Extension Host Process exited)/.test(m[1]);
    } else if (/^\[|^\s*\[?\d{4}-\d\d-\d\dT/.test(line)) {
      this.inExtHostOutput = false; // a new, timestamped server log line
    }
    return this.inExtHostOutput;
  }
  /** What to show on failure: errors, the host's fate, and the tail of the host's own output. */
  relevant(max = 80) {
    return this.lines
      .filter((l) => l.fromExtHost || INTERESTING.test(l.text))
      .slice(-max)
      .map((l) => l.text);
  }
}

/** Pids of every descendant of `pid` (from /proc), so nothing survives our cleanup. */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Ends code-server, its process group and any descendant that left the group
 * (the extension host, language servers, `go` children): TERM, then KILL.
 */
async function killTree(child) {
  if (!child?.pid) return;
  const pids = [child.pid, ...descendants(child.pid)];
  signal(-child.pid, 'SIGTERM');
  for (const p of pids) signal(p, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && pids.some(alive)) await sleep(100);
  signal(-child.pid, 'SIGKILL');
  for (const p of [...pids, ...descendants(child.pid)]) signal(p, 'SIGKILL');
  while (child.exitCode === null && child.signalCode === null && alive(child.pid)) await sleep(50);
}

/**
 * User settings for the throwaway profile: no welcome page or walkthrough over the
 * editors (screenshots should show what the tests opened), nothing phoning home.
 */
function writeUserSettings(userData) {
  const settings = {
    'workbench.startupEditor': 'none',
    // The workspace is a copy inside the repo: no "open the parent repository?" prompt over screenshots.
    'git.openRepositoryInParentFolders': 'never',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  };
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * Puts the test-only extensions into the throwaway extensions dir, where
 * code-server finds them at start (a workbench payload with a second
 * extensionDevelopmentPath loads only the last one).
 */
function installTestExtensions(extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(DLV_EXTENSION, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.cpSync(DLV_EXTENSION, target, { recursive: true, filter: (src) => !src.endsWith('.mjs') });
}

/** Starts code-server on `port`; resolves once it answers /healthz. */
async function startCodeServer({ bin, port, workspace, stateDir, env, log }) {
  const userData = path.join(stateDir, 'user-data');
  const extensions = path.join(stateDir, 'extensions');
  writeUserSettings(userData);
  installTestExtensions(extensions);
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    workspace,
  ];
  // detached: own process group, so one signal reaches the whole tree.
  const child = spawn(bin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.feed('[code-server]', d));
  child.stderr.on('data', (d) => log.feed('[code-server]', d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await killTree(child); // its group may still hold the forked server
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(POLL_MS);
  }
  await killTree(child); // the caller never gets a handle on it
  throw new Error('code-server did not answer /healthz within 60s');
}

/** Another process may take the port between our probe and code-server's bind: try a few. */
async function startOnFreePort(opts) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { child: await startCodeServer({ ...opts, port }), port };
    } catch (err) {
      if (attempt >= 3 || !/exited early/.test(err.message)) throw err;
    }
  }
}

/** `vscode-remote://` URI of an absolute server-side path, as the workbench payload wants it. */
function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${encodeURI(absPath)}`;
}

/** The workbench URL that opens `workspace` and tells VS Code to run the tests. */
function workbenchUrl({ port, workspace, extensionPath, testsPath }) {
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remoteUri(port, extensionPath)],
    ['extensionTestsPath', remoteUri(port, testsPath)],
  ]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
}

/** Serves NAME.request files in `dir` with a screenshot of the page as NAME.png. */
async function serveScreenshots(page, dir) {
  let names;
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.request'));
  } catch {
    return;
  }
  for (const req of names) {
    const name = req.slice(0, -'.request'.length);
    const png = path.join(dir, `${name}.png`);
    try {
      // Written under a temporary name so the suite never reads half a file.
      const tmp = path.join(dir, `${name}.png.partial`);
      await page.screenshot({ path: tmp, type: 'png' });
      fs.renameSync(tmp, png);
      if (verbose) process.stderr.write(`[runCodeServer] screenshot ${png}\n`);
    } catch (err) {
      process.stderr.write(`[runCodeServer] screenshot ${name} failed: ${err.message}\n`);
    }
    fs.rmSync(path.join(dir, req), { force: true });
  }
}

/**
 * Serves NAME.action.json requests: a real pointer action inside a webview,
 * which the extension host cannot do itself. The request names a CSS
 * selector present only in the wanted webview, the action (click, dblclick)
 * and a point as fractions of the element's box (or pixels with xPx/yPx).
 * The outcome goes to NAME.done.json ({ ok, error? }), then the request is
 * deleted.
 */
async function serveActions(page, dir) {
  let names;
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.action.json'));
  } catch {
    return;
  }
  for (const req of names) {
    const name = req.slice(0, -'.action.json'.length);
    let outcome;
    try {
      const action = JSON.parse(fs.readFileSync(path.join(dir, req), 'utf8'));
      outcome = await performAction(page, action);
    } catch (err) {
      outcome = { ok: false, error: err.message };
    }
    const tmp = path.join(dir, `${name}.done.json.partial`);
    fs.writeFileSync(tmp, JSON.stringify(outcome));
    fs.renameSync(tmp, path.join(dir, `${name}.done.json`));
    fs.rmSync(path.join(dir, req), { force: true });
    if (verbose) process.stderr.write(`[runCodeServer] action ${name}: ${JSON.stringify(outcome)}\n`);
  }
}

/** Finds the element in any frame (webviews are nested iframes) and acts on it. */
async function performAction(page, { selector, action = 'click', xFraction = 0.5, yFraction = 0.5, xPx, yPx }) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const el = await frame.$(selector).catch(() => null);
    if (!el) continue;
    const box = await el.boundingBox();
    if (!box) continue;
    const position = { x: xPx ?? box.width * xFraction, y: yPx ?? box.height * yFraction };
    if (action === 'dblclick') await el.dblclick({ position });
    else await el.click({ position });
    return { ok: true, box: { width: box.width, height: box.height }, position };
  }
  return { ok: false, error: `no webview element matches ${selector}` };
}

/** Reads the results file once it is complete (the suite writes it via rename). */
function readResults(file) {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Waits for the suite to finish: results file present, or the extension host /
 * code-server gone without one, or the timeout. Serves screenshots meanwhile.
 */
async function waitForResults({ page, child, log, resultsFile, screenshotDir, timeoutMs }) {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let exitSeenAt;
  while (Date.now() < deadline) {
    if (screenshotDir) {
      await serveScreenshots(page, screenshotDir);
      await serveActions(page, screenshotDir);
    }
    const results = readResults(resultsFile);
    if (results) return results;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before the suite wrote ${resultsFile}`);
    }
    if (!log.extHostLaunched && Date.now() - started > LAUNCH_MS) {
      throw new Error(`the workbench did not start an extension host within ${LAUNCH_MS / 1000}s`);
    }
    if (log.extHostExit !== undefined) {
      // Give the file system a moment: the host exits right after run() settles.
      exitSeenAt ??= Date.now();
      if (Date.now() - exitSeenAt > 3000) {
        throw new Error(`extension host exited with code ${log.extHostExit} without writing ${resultsFile}`);
      }
    }
    await sleep(POLL_MS);
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${resultsFile}`);
}

/**
 * Runs the suite at `testsPath` for the extension at `extensionPath` in code-server
 * opened on `workspace`. Returns the suite's parsed JSON results; throws when the
 * suite produced none (the error carries the relevant server log lines).
 */
export async function runInCodeServer({
  extensionPath,
  testsPath,
  workspace,
  resultsFile,
  screenshotDir,
  timeoutMs = 10 * 60_000,
}) {
  extensionPath = path.resolve(extensionPath);
  testsPath = path.resolve(testsPath);
  workspace = path.resolve(workspace);
  resultsFile = path.resolve(resultsFile ?? path.join(os.tmpdir(), `gomem-results-${process.pid}.json`));
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  if (screenshotDir) {
    screenshotDir = path.resolve(screenshotDir);
    fs.mkdirSync(screenshotDir, { recursive: true });
  }
  for (const [what, p] of [['extension', extensionPath], ['tests module', testsPath], ['workspace', workspace]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found: ${p}`);
  }

  const bin = await ensureCodeServer();
  // Debug-session tests need Delve; without Go they skip (and fail under CI=true).
  const delve = ensureDlv({ log: (m) => process.stderr.write(`[runCodeServer] ${m}\n`) });
  if (!delve.dlv) process.stderr.write(`[runCodeServer] no Delve for the debug-session tests: ${delve.why}\n`);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomem-code-server-'));
  const log = new LogTail();
  let port;
  const env = {
    ...hermeticCodeServerEnv(stateDir),
    GOMEM_TEST_RESULTS: resultsFile,
    GOMEM_TEST_WORKSPACE: workspace,
    ...(delve.dlv ? { GOMEM_TEST_DLV: delve.dlv } : {}),
    ...(screenshotDir ? { GOMEM_SCREENSHOT_DIR: screenshotDir } : {}),
  };
  // Only the tests' own signalling should reach the host; a stale value from the caller must not.
  if (!screenshotDir) delete env.GOMEM_SCREENSHOT_DIR;

  let child;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await killTree(child);
  };
  const onSignal = async (sig) => {
    await cleanup();
    fs.rmSync(stateDir, { recursive: true, force: true });
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    ({ child, port } = await startOnFreePort({ bin, workspace, stateDir, env, log }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      // Debian's build starts crashpad anyway, which keeps its database under
      // $XDG_CONFIG_HOME/chromium; keep that (and any cache) in the throwaway dir.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'), XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache') },
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (msg) => {
      // The workbench mirrors the extension host's console and stdout as info lines;
      // those already come through code-server's log, so keep warnings and errors only.
      if ((msg.type() === 'error' || msg.type() === 'warning') && !NOISE.test(msg.text())) {
        log.feed(`[browser ${msg.type()}]`, msg.text().replace(/^%c\s*\w+\s+color: #\w+\s*/, ''));
      }
    });
    page.on('pageerror', (err) => log.feed('[browser pageerror]', err.message));
    await page.goto(workbenchUrl({ port, workspace, extensionPath, testsPath }), { waitUntil: 'domcontentloaded' });
    const results = await waitForResults({ page, child, log, resultsFile, screenshotDir, timeoutMs });
    if (results.failed > 0 && !verbose) {
      process.stderr.write(`--- code-server / extension host log (relevant lines) ---\n${log.relevant().join('\n')}\n`);
    }
    return results;
  } catch (err) {
    const lines = log.relevant();
    err.message += lines.length ? `\n--- code-server / workbench log (relevant lines) ---\n${lines.join('\n')}` : '';
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/** One-line summary of a results object. */
export function summarize(results) {
  return `${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: '.' },
      tests: { type: 'string', default: 'out/test/integration/suite/index.js' },
      workspace: { type: 'string' },
      results: { type: 'string', default: 'test-results/integration.json' },
      screenshots: { type: 'string', default: 'test-results/screenshots' },
      timeout: { type: 'string', default: String(10 * 60_000) },
    },
  });
  if (!values.workspace) {
    console.error('usage: runCodeServer.mjs --workspace DIR [--extension DIR] [--tests FILE] [--results FILE] [--screenshots DIR] [--timeout MS]');
    process.exit(2);
  }
  const results = await runInCodeServer({
    extensionPath: values.extension,
    testsPath: values.tests,
    workspace: values.workspace,
    resultsFile: values.results,
    screenshotDir: values.screenshots,
    timeoutMs: Number(values.timeout),
  });
  for (const f of results.failures ?? []) console.log(`FAIL ${f.title}\n  ${f.message}`);
  console.log(`integration: ${summarize(results)}`);
  process.exit(results.failed > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`[runCodeServer] ${err.message}`);
    process.exit(1);
  });
}
