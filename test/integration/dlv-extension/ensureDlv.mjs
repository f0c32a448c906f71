// Installs Delve for the integration suite's debug-session tests into a cache
// outside the work tree (like code-server), once per version:
//   go install github.com/go-delve/delve/cmd/dlv@VERSION   with GOBIN=<cache>
// The Go module proxy must be reachable the first time.
//
//   node test/integration/dlv-extension/ensureDlv.mjs     prints the dlv path
//   import { ensureDlv } from './ensureDlv.mjs'
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pinned so the cache stays valid and runs stay comparable; the version `@latest` gave when this was written. */
export const DLV_VERSION = 'v1.27.2';

export function dlvCacheDir(version = DLV_VERSION) {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gomem', `dlv-${version}`);
}

/** `dlv version` works with this binary. */
function runs(bin) {
  const r = spawnSync(bin, ['version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 && /Version: /.test(r.stdout);
}

/**
 * The path of a working dlv, installing it when missing. Returns undefined
 * (with the reason in `why`) when Go itself is missing; throws when the
 * install fails.
 */
export function ensureDlv({ go = process.env.GOMEM_GO || 'go', log = (m) => console.log(`[ensureDlv] ${m}`) } = {}) {
  const dir = dlvCacheDir();
  const bin = path.join(dir, process.platform === 'win32' ? 'dlv.exe' : 'dlv');
  if (fs.existsSync(bin) && runs(bin)) return { dlv: bin };
  if (spawnSync(go, ['version'], { timeout: 60_000 }).status !== 0) return { why: `go not found (looked for "${go}")` };
  log(`installing Delve ${DLV_VERSION} into ${dir} (go install; a minute or two the first time)`);
  // Into a fresh directory, then renamed: a half-finished install never looks complete.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const staging = fs.mkdtempSync(`${dir}.partial-`);
  try {
    const env = { ...process.env, GOBIN: staging, GOFLAGS: '-buildvcs=false', GOWORK: 'off' };
    const r = spawnSync(go, ['install', `github.com/go-delve/delve/cmd/dlv@${DLV_VERSION}`], { env, encoding: 'utf8', timeout: 15 * 60_000, cwd: os.tmpdir() });
    if (r.status !== 0) throw new Error(`go install dlv@${DLV_VERSION} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.error?.message || '').slice(-3000)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  if (!runs(bin)) throw new Error(`${bin} does not run after installing`);
  return { dlv: bin };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = ensureDlv();
  if (!r.dlv) {
    console.error(r.why);
    process.exit(1);
  }
  console.log(r.dlv);
}
