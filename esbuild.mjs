// Builds every bundle gomem ships, plus the test bundles.
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemaps (what the .vsix holds)
//   node esbuild.mjs --watch       rebuild on change
// Type-checking is a separate step (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { watPlugin } from './scripts/watPlugin.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const shebang = { js: '#!/usr/bin/env node' };

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  target: 'es2022',
  // The decoder's Sample reader is WebAssembly text (src/core/pprof/samples.wat).
  plugins: [watPlugin],
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** @type {esbuild.BuildOptions[]} */
const builds = [
  // Extension host: thin, talks to the server over IPC.
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // Language server: one process for VS Code (IPC) and any LSP editor (`gomem-lsp --stdio`).
  { ...node, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', banner: shebang },
  // Command line.
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: shebang },
  // Webviews: one browser bundle each.
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    // Every src/webview-ui/<name>/main.ts becomes dist/webview/<name>.js.
    entryPoints: Object.fromEntries(
      readdirSync('src/webview-ui', { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join('src/webview-ui', d.name, 'main.ts')))
        .map((d) => [d.name, join('src/webview-ui', d.name, 'main.ts')]),
    ),
    outdir: 'dist/webview',
  },
];

// Tests are bundled too (our sources inlined, packages left to node_modules),
// so they run under plain `node --test` and inside the VS Code extension host.
if (!production) {
  builds.push({
    ...node,
    entryPoints: [
      ...tsFiles('test/unit', /\.test\.ts$/),
      ...tsFiles('test/integration/suite', /\.ts$/),
      ...tsFiles('test/webview', /\.test\.ts$/),
    ],
    outdir: 'out',
    outbase: '.',
    packages: 'external',
  });
}

/** Files under dir (recursively) whose name matches re; none when dir is absent. */
function tsFiles(dir, re) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => re.test(f));
}

// A production build starts clean so no development source maps end up in the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[gomem] watching for changes…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
