// The benchmark profiles: real Go heap profiles written by test/bench/gen,
// generated once and cached in $TMPDIR/gomem-bench/. Shared by every bench.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { watPlugin } from '../../scripts/watPlugin.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const cacheDir = path.join(os.tmpdir(), 'gomem-bench');
/** Bump when test/bench/gen changes in a way that changes the profiles. */
export const GEN_VERSION = 1;
export const PROFILES = {
  // allocations → samples: about 2 samples per allocation (boxing, map internals, fmt).
  medium: { allocations: 86_000 },
  large: { allocations: 800_000 },
};

/** Path of the cached profile `name` (which may not exist yet). */
export function profilePath(name) {
  return path.join(cacheDir, `heap-${name}-n${PROFILES[name].allocations}-v${GEN_VERSION}.pb.gz`);
}

/** The cached profile, generated when missing (or when `regen`). Needs go. */
export function ensureProfileFile(name, regen = false) {
  const file = profilePath(name);
  if (!regen && fs.existsSync(file)) return file;
  const go = goCommand();
  if (!go) throw new Error('go is needed to generate the benchmark profiles (set GOMEM_GO or put go on PATH)');
  fs.mkdirSync(cacheDir, { recursive: true });
  const bin = path.join(cacheDir, 'gen');
  console.log('building test/bench/gen …');
  run(go, ['build', '-o', bin, '.'], { cwd: path.join(here, 'gen'), env: goEnv() });
  console.log(`generating the ${name} profile (${PROFILES[name].allocations.toLocaleString('en')} allocations, MemProfileRate=1) …`);
  const t0 = performance.now();
  const tmp = `${file}.tmp`;
  run(bin, ['-n', String(PROFILES[name].allocations), '-o', tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
  fs.renameSync(tmp, file);
  console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

export function goCommand() {
  const go = process.env.GOMEM_GO || 'go';
  const r = spawnSync(go, ['version'], { encoding: 'utf8', env: goEnv() });
  return r.status === 0 ? go : null;
}

export function goEnv() {
  return { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' };
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Bundles `exports` (lines like "export { x } from './src/…'") from the
 * TypeScript sources into a CommonJS file in the cache, removed at exit;
 * returns its path. Benchmarks load gomem's engine this way, not from dist/.
 */
export async function bundleSources(name, exports) {
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild');
  fs.mkdirSync(cacheDir, { recursive: true });
  const outfile = path.join(cacheDir, `gomem-${name}-${process.pid}.cjs`);
  await esbuild.build({
    stdin: { contents: exports.join('\n'), resolveDir: path.resolve(here, '../..'), loader: 'ts', sourcefile: `${name}-entry.ts` },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    plugins: [watPlugin], // the Sample reader is WebAssembly text
  });
  process.on('exit', () => fs.rmSync(outfile, { force: true }));
  return outfile;
}
