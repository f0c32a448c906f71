import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixtureDir, goldenPath, repoRoot } from '../support/goTools';

/**
 * gomem-lsp with a real third-party client: Neovim's built-in LSP client,
 * headless. (Debian's Neovim is 0.7, so the test uses vim.lsp.start_client;
 * the README's config uses vim.lsp.start from 0.8+, which wraps it.) The
 * profile is handed over in init_options, as a Helix `config` block does.
 */
function nvimAvailable(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

function skipUnlessNvim(): string | undefined {
  if (nvimAvailable()) return undefined;
  if (process.env.CI === 'true') throw new Error('nvim not found: CI installs Debian\'s neovim (scripts/setup-code-server.mjs)');
  return 'nvim not found on PATH (apt-get install neovim)';
}

const lua = (ws: string, out: string) => `
local id = vim.lsp.start_client({
  name = 'gomem',
  cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(join(repoRoot(), 'dist', 'server.js'))}, '--stdio' },
  root_dir = ${JSON.stringify(ws)},
  init_options = { profiles = { { path = ${JSON.stringify(goldenPath('heap.pb.gz'))}, sampleType = 'alloc_space' } } },
})
vim.cmd('edit ' .. ${JSON.stringify(join(ws, 'main.go'))})
vim.lsp.buf_attach_client(0, id)
vim.wait(10000, function() local c = vim.lsp.get_client_by_id(id); return c and c.initialized end)
local c = vim.lsp.get_client_by_id(id)
local doc = { uri = vim.uri_from_bufnr(0) }
local res = {}
local h = c.request_sync('textDocument/hover', { textDocument = doc, position = { line = 93, character = 4 } }, 10000, 0)
res.hover = h and h.result and h.result.contents.value or vim.NIL
local ih = c.request_sync('textDocument/inlayHint', { textDocument = doc, range = { start = { line = 0, character = 0 }, ['end'] = { line = 200, character = 0 } } }, 10000, 0)
res.hints = ih and ih.result or {}
local cl = c.request_sync('textDocument/codeLens', { textDocument = doc }, 10000, 0)
res.lenses = cl and cl.result or {}
local ex = c.request_sync('workspace/executeCommand', { command = 'gomem.server.setSampleType', arguments = { 'inuse_space' } }, 10000, 0)
res.switched = ex and ex.result and ex.result.sampleTypeIndex or vim.NIL
local ih2 = c.request_sync('textDocument/inlayHint', { textDocument = doc, range = { start = { line = 0, character = 0 }, ['end'] = { line = 200, character = 0 } } }, 10000, 0)
res.hintsAfter = ih2 and ih2.result or {}
vim.fn.writefile({ vim.fn.json_encode(res) }, ${JSON.stringify(out)})
vim.cmd('qa!')
`;

test('Neovim\'s LSP client gets hover, inlay hints, code lenses and commands from gomem-lsp', { skip: skipUnlessNvim() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomem-nvim-'));
  const out = join(dir, 'out.json');
  writeFileSync(join(dir, 'init.lua'), lua(fixtureDir('allocs'), out));
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', join(dir, 'init.lua')], { encoding: 'utf8', timeout: 60_000, cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(readFileSync(out, 'utf8')) as {
    hover: string;
    hints: { position: { line: number }; label: string }[];
    lenses: unknown[];
    switched: number;
    hintsAfter: { position: { line: number }; label: string }[];
  };
  assert.match(res.hover, /\*\*alloc\\_space\*\* \| 6\.25 MB \(59\.8%\)/);
  const label = (hs: typeof res.hints, line1: number) => hs.find((h) => h.position.line === line1 - 1)?.label;
  assert.equal(label(res.hints, 94), '6.25 MB · 100 objs');
  assert.ok(res.lenses.length >= 5, `code lenses: ${res.lenses.length}`);
  assert.equal(res.switched, 3, 'inuse_space is index 3');
  assert.equal(label(res.hintsAfter, 94), undefined, 'garbage is not in use');
  assert.equal(label(res.hintsAfter, 86), '4 MB · 1 objs');
});
