import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLIENT_COMMANDS } from '../../src/protocol/types';
import { repoRoot } from '../support/goTools';

/**
 * package.json is the source of truth for commands and settings; the README
 * must list each of them, and every registered command must be declared.
 */
const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));
const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
// commands/index.ts imports vscode, so its table is read as text here.
const COMMAND_IDS = [...readFileSync(join(repoRoot(), 'src', 'commands', 'index.ts'), 'utf8').matchAll(/^\s+'(gomem\.\w+)':/gm)].map((m) => m[1]);

test('every declared command is registered, and every registered one declared', () => {
  const declared = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  assert.deepEqual(declared, [...COMMAND_IDS].sort());
});

test('commands the server puts in code lenses are ones the extension declares', () => {
  const declared = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
  for (const id of Object.values(CLIENT_COMMANDS)) assert.ok(declared.has(id), id);
});

test('the README lists every command by its palette title', () => {
  const hidden = new Set(((pkg.contributes.menus.commandPalette ?? []) as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command));
  for (const c of (pkg.contributes.commands as { command: string; title: string; category: string }[]).filter((x) => !hidden.has(x.command))) {
    assert.ok(readme.includes(`${c.category}: ${c.title}`), `README lacks "${c.category}: ${c.title}"`);
  }
});

test('the README lists every setting', () => {
  for (const key of Object.keys(pkg.contributes.configuration.properties)) {
    assert.ok(readme.includes(`\`${key}\``), `README lacks ${key}`);
  }
});
