import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { escapeModulePath, moduleDirective, unescapeModulePath } from '../../src/core/paths/modulePath';
import { createSourceResolver } from '../../src/core/paths/resolveSource';

/** A real directory tree: workspace module, vendor/, module cache, GOROOT. */
function tree() {
  const root = mkdtempSync(join(tmpdir(), 'gomem-paths-'));
  const files = [
    'ws/go.mod', 'ws/pkg/a.go', 'ws/vendor/github.com/foo/bar/v.go',
    'modcache/github.com/!burnt!sushi/toml@v1.2.0/decode.go',
    'goroot/src/runtime/malloc.go', 'elsewhere/b.go',
  ];
  for (const f of files) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), f === 'ws/go.mod' ? 'module example.com/ws // the module\n\ngo 1.22\n' : '');
  }
  const resolve = createSourceResolver({
    roots: [{ dir: join(root, 'ws'), modulePath: 'example.com/ws' }],
    goroot: join(root, 'goroot'),
    gomodcache: join(root, 'modcache'),
    substitutions: [{ from: '/container/app', to: join(root, 'elsewhere') }],
    exists: existsSync,
  });
  return { root, resolve };
}

test('module path case encoding round-trips', () => {
  assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
  assert.equal(unescapeModulePath('github.com/!burnt!sushi/toml'), 'github.com/BurntSushi/toml');
  assert.equal(moduleDirective('// c\nmodule "example.com/x"\n'), 'example.com/x');
});

test('absolute paths that exist resolve to themselves', () => {
  const { root, resolve } = tree();
  assert.equal(resolve(join(root, 'ws/pkg/a.go')), join(root, 'ws/pkg/a.go'));
});

test('-trimpath names: own module, vendor, module cache with ! encoding, standard library', () => {
  const { root, resolve } = tree();
  assert.equal(resolve('example.com/ws/pkg/a.go'), join(root, 'ws/pkg/a.go'));
  assert.equal(resolve('github.com/foo/bar/v.go'), join(root, 'ws/vendor/github.com/foo/bar/v.go'));
  assert.equal(resolve('github.com/BurntSushi/toml@v1.2.0/decode.go'), join(root, 'modcache/github.com/!burnt!sushi/toml@v1.2.0/decode.go'));
  assert.equal(resolve('runtime/malloc.go'), join(root, 'goroot/src/runtime/malloc.go'));
});

test('paths from another machine: module cache, GOROOT, checkout suffix, substitutePath', () => {
  const { root, resolve } = tree();
  assert.equal(resolve('/home/ci/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.0/decode.go'), join(root, 'modcache/github.com/!burnt!sushi/toml@v1.2.0/decode.go'));
  assert.equal(resolve('/opt/other-go-install/src/runtime/malloc.go'), join(root, 'goroot/src/runtime/malloc.go'));
  assert.equal(resolve('/home/runner/work/repo/pkg/a.go'), join(root, 'ws/pkg/a.go'));
  assert.equal(resolve('/container/app/b.go'), join(root, 'elsewhere/b.go'));
  assert.equal(resolve('C:\\build\\pkg\\a.go'), join(root, 'ws/pkg/a.go'));
});

test('unknown files stay unresolved', () => {
  const { resolve } = tree();
  assert.equal(resolve('/nowhere/zzz.go'), undefined);
  assert.equal(resolve('example.com/other/x.go'), undefined);
});
