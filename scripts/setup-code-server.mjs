#!/usr/bin/env node
// Installs code-server (a real VS Code on the npm registry) into a cache outside
// the work tree, so the integration suite can run in a real VS Code on machines
// that cannot download VS Code itself. See test/TESTING notes (shared/TESTING.md).
//
//   node scripts/setup-code-server.mjs      prints the code-server executable path
//   import { ensureCodeServer } from './scripts/setup-code-server.mjs'
//
// Idempotent: a marker file with the version makes later runs a no-op.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.99.4';
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'neovim'];
const MARKER = '.gomem-installed';

const log = (msg) => console.log(`[setup-code-server] ${msg}`);

/** Where the install lives; outside the repo so `git clean` and CI checkouts keep it. */
export function codeServerCacheDir(version = CODE_SERVER_VERSION) {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gomem', `code-server-${version}`);
}

/** Path of the code-server launcher inside a cache dir (npm's bin link). */
function codeServerBin(dir) {
  return path.join(dir, 'node_modules', '.bin', 'code-server');
}

/**
 * Runs a command, appending its output to the install log rather than the
 * console (npm and node-gyp are very chatty). Throws with the log's tail on failure.
 */
function run(cmd, args, { cwd, env, logFile }) {
  fs.appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}   (in ${cwd})\n`);
  const fd = fs.openSync(logFile, 'a');
  try {
    const r = spawnSync(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', fd, fd] });
    if (r.error) throw r.error;
    if (r.status !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}); log ${logFile}:\n${tail}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Debian packages from APT_PACKAGES that dpkg does not report as installed. */
function missingAptPackages() {
  return APT_PACKAGES.filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/**
 * Chromium drives the page, ripgrep replaces @vscode/ripgrep's download and
 * libkrb5-dev lets code-server's kerberos addon compile; neovim is the
 * third-party LSP client the language-server tests drive.
 */
export function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} — run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for another apt/dpkg (e.g. unattended upgrades) instead of failing on its lock.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=900'];
  const logFile = path.join(os.tmpdir(), 'gomem-apt.log');
  run('apt-get', [...lockWait, 'update'], { cwd: '/', env, logFile });
  run('apt-get', [...lockWait, 'install', '-y', ...missing], { cwd: '/', env, logFile });
  const still = missingAptPackages();
  if (still.length) throw new Error(`apt-get did not install: ${still.join(' ')} (log ${logFile})`);
}

/**
 * Environment that keeps code-server from writing into the user's home: without
 * it, even `--version` creates ~/.config/code-server/config.yaml (with a generated
 * password) and ~/.local/share/code-server.
 */
export function hermeticCodeServerEnv(stateDir, base = process.env) {
  fs.mkdirSync(stateDir, { recursive: true });
  const config = path.join(stateDir, 'config.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, 'auth: none\ncert: false\n');
  return { ...base, CODE_SERVER_CONFIG: config, XDG_DATA_HOME: path.join(stateDir, 'data') };
}

/** `code-server --version` line ("4.99.4 <commit> with Code 1.99.3"), or undefined when it does not run. */
function versionOf(bin, dir) {
  if (!fs.existsSync(bin)) return undefined;
  const env = hermeticCodeServerEnv(path.join(dir, 'tmp', 'state'));
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000, env });
  if (r.status !== 0) return undefined;
  // code-server may log info lines before the version; keep the version line only.
  return r.stdout.split('\n').find((line) => / with Code \d/.test(line))?.trim();
}

/** Version of a package pinned in code-server's lib/vscode shrinkwrap. */
function pinnedVersion(codeServerDir, pkg) {
  const wrap = JSON.parse(fs.readFileSync(path.join(codeServerDir, 'lib', 'vscode', 'npm-shrinkwrap.json'), 'utf8'));
  const version = wrap.packages?.[`node_modules/${pkg}`]?.version;
  if (!version) throw new Error(`${pkg} not found in code-server's lib/vscode/npm-shrinkwrap.json`);
  return version;
}

/** Target triple @vscode/ripgrep would download for this machine (see its lib/postinstall.js). */
function ripgrepTarget() {
  const targets = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
  const target = targets[process.arch];
  if (process.platform !== 'linux' || !target) throw new Error(`unsupported platform ${process.platform}/${process.arch}`);
  return target;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless a tarball sits in
 * `${os.tmpdir()}/vscode-ripgrep-cache-<version>/`; put Debian's rg there instead.
 * We point TMPDIR at our cache dir so this survives /tmp cleaning and stays private.
 */
function seedRipgrepCache(codeServerDir, tmpDir, logFile) {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('rg not found; install the Debian package ripgrep');
  const version = pinnedVersion(codeServerDir, '@vscode/ripgrep');
  // The asset tag is fixed per @vscode/ripgrep release (VERSION in lib/postinstall.js; v13.0.0-10 for 1.15.x).
  const asset = `ripgrep-v13.0.0-10-${ripgrepTarget()}.tar.gz`;
  const cache = path.join(tmpDir, `vscode-ripgrep-cache-${version}`);
  fs.mkdirSync(cache, { recursive: true });
  run('tar', ['czf', path.join(cache, asset), '-C', path.dirname(rg), 'rg'], { cwd: tmpDir, logFile });
  log(`seeded @vscode/ripgrep ${version} cache with ${rg}`);
}

/** Environment code-server's postinstall.sh expects when run by npm as root. */
function postinstallEnv(tmpDir) {
  const npmVersion = spawnSync('npm', ['-v'], { encoding: 'utf8' }).stdout.trim();
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    npm_config_user_agent: `npm/${npmVersion} node/${process.version} linux ${process.arch}`,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp would download Node's headers; use the installed ones when present.
  const headers = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node', 'node.h');
  if (!env.npm_config_nodedir && fs.existsSync(headers)) {
    env.npm_config_nodedir = path.dirname(path.dirname(path.dirname(headers)));
  }
  return env;
}

/** Full install into `dir` (wiped first so a half-finished earlier attempt cannot linger). */
function installCodeServer(dir, version) {
  fs.rmSync(dir, { recursive: true, force: true });
  const tmpDir = path.join(dir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const logFile = path.join(dir, 'install.log');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'gomem-code-server', private: true }, null, 2));
  const env = postinstallEnv(tmpDir);

  log(`npm install code-server@${version} (log ${logFile})`);
  run('npm', ['install', '--no-save', '--ignore-scripts', `code-server@${version}`], { cwd: dir, env, logFile });

  log('npm rebuild argon2');
  run('npm', ['rebuild', 'argon2'], { cwd: dir, env, logFile });

  const csDir = path.join(dir, 'node_modules', 'code-server');
  seedRipgrepCache(csDir, tmpDir, logFile);

  log('code-server postinstall (VS Code dependencies, native modules; a few minutes)');
  run('sh', ['./postinstall.sh'], { cwd: csDir, env, logFile });
}

/**
 * Ensures code-server `version` is installed and works; returns its executable.
 * Fast no-op when the marker says it is already there.
 */
export async function ensureCodeServer({ version = CODE_SERVER_VERSION } = {}) {
  ensureAptPackages();
  const dir = codeServerCacheDir(version);
  const bin = codeServerBin(dir);
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(bin) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === version) {
    return bin;
  }
  const started = Date.now();
  installCodeServer(dir, version);
  const reported = versionOf(bin, dir);
  if (!reported?.startsWith(version)) {
    throw new Error(`code-server at ${bin} does not run or reports "${reported}" (log ${path.join(dir, 'install.log')})`);
  }
  fs.writeFileSync(marker, `${version}\n`);
  log(`installed ${reported} in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return bin;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const bin = await ensureCodeServer();
    log(`ready: ${bin}`);
  } catch (err) {
    console.error(`[setup-code-server] ${err.message}`);
    process.exit(1);
  }
}
