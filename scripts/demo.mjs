#!/usr/bin/env node
// `npm run demo`: the main job on a fresh machine, end to end.
//   1. installs npm dependencies if needed, builds the production bundles;
//   2. builds and runs the bundled Go program (examples/demo), which writes a
//      real heap profile into .gomem/;
//   3. prints its hottest lines with the gomem CLI (the same decoder the
//      extension's language server uses);
//   4. packages the extension as gomem.vsix.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(ROOT, 'examples', 'demo');
const OUT = join(ROOT, '.gomem');
const PROFILE = join(OUT, 'demo-heap.pb.gz');

function step(title) {
  console.log(`\n==> ${title}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function fail(msg) {
  console.error(`\ndemo failed: ${msg}`);
  process.exit(1);
}

step('dependencies');
if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) run('npm', ['ci', '--no-audit', '--no-fund']);
else console.log('node_modules present');

step('go');
const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.error || go.status !== 0) fail('the Go toolchain (`go`) is needed for the demo: https://go.dev/dl/');
console.log(go.stdout.trim());

step('build the extension, language server and CLI (production)');
run(process.execPath, ['esbuild.mjs', '--production']);

step('run the bundled Go program (examples/demo) and capture its heap profile');
mkdirSync(OUT, { recursive: true });
const bin = join(OUT, process.platform === 'win32' ? 'demo.exe' : 'demo');
run('go', ['build', '-o', bin, '.'], { cwd: DEMO, env: { ...process.env, GOFLAGS: '', GOWORK: 'off' } });
run(bin, ['-heap', PROFILE], { cwd: DEMO });
console.log(`profile: ${PROFILE}`);

step('hottest lines (gomem top --lines --sample-type alloc_space)');
run(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'top', PROFILE, '--lines', '--sample-type', 'alloc_space', '--n', '10']);

step('per-line view of examples/demo/main.go (gomem lines)');
run(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lines', PROFILE, join(DEMO, 'main.go'), '--sample-type', 'alloc_space']);

step('package the extension');
// npm run package: a production build, then vsce with the flags package.json keeps (relative
// README links stay relative: the images ship in the .vsix and VS Code shows an installed
// extension's README from its own folder; there is no public repository to point at).
run('npm', ['run', 'package']);
console.log(`
Done. Install it with:   code --install-extension ${join(ROOT, 'gomem.vsix')}
then open examples/demo in VS Code and run "Go Memory: Open Profile…" on
${PROFILE} (or just open the file).`);
