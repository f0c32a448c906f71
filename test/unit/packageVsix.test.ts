import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTempDir, repoRoot } from '../support/goTools';

/**
 * `npm run package` (and the demo's last step) really produces a .vsix: vsce
 * refuses a README whose images it cannot resolve, which once broke the demo
 * unnoticed. Packages what the build put in dist/ (the test command builds
 * first) and checks the archive holds what the manifest points at.
 */
test('vsce packages the extension: bundles, grammar, README images inside', () => {
  const root = repoRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const args = (pkg.scripts.package as string).split('&&').pop()!.trim().split(/\s+/);
  assert.equal(args[0], 'vsce');
  const out = join(makeTempDir('gomem-vsix-'), 'gomem.vsix');
  const o = args.indexOf('-o');
  args[o + 1] = out;
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', ...args], { cwd: root, stdio: 'pipe', timeout: 120_000 });
  // A zip's central directory names every entry in plain text.
  const zip = readFileSync(out).toString('latin1');
  const images = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\((docs\/images\/[^)]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length > 0);
  const grammars = (pkg.contributes.grammars as { path: string }[]).map((g) => g.path.replace(/^\.\//, ''));
  for (const entry of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/webview/flame.js', 'readme.md', ...grammars, ...images]) {
    assert.ok(zip.includes(`extension/${entry}`), `${entry} is in the .vsix`);
  }
});
