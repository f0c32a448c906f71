import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { gcLinesOf, runGcChurn } from '../support/gctraceFixture';
import { goldenPath, repoRoot, skipUnlessGo } from '../support/goTools';

/**
 * syntaxes/gctrace.tmLanguage.json run by the TextMate engine VS Code uses
 * (vscode-textmate with the Oniguruma regex library), as package.json
 * contributes it, on lines real runs printed.
 */
interface Token {
  text: string;
  scopes: string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { grammars: { language: string; scopeName: string; path: string }[] } };
    const contributed = pkg.contributes.grammars.find((g) => g.language === 'gctrace')!;
    const wasm = join(dirname(createRequire(__filename).resolve('vscode-oniguruma')), 'onig.wasm');
    await oniguruma.loadWASM(readFileSync(wasm).buffer as ArrayBuffer);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => (scope === contributed.scopeName ? textmate.parseRawGrammar(readFileSync(join(repoRoot(), contributed.path), 'utf8'), contributed.path) : null),
    });
    return (await registry.loadGrammar(contributed.scopeName))!;
  })();
  return grammar;
}

async function tokenize(line: string): Promise<Token[]> {
  const g = await loadGrammar();
  return g.tokenizeLine(line, textmate.INITIAL).tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
}

/** The innermost scope of the first token with this text. */
function scopeOf(tokens: Token[], text: string): string | undefined {
  const t = tokens.find((x) => x.text === text);
  return t?.scopes[t.scopes.length - 1];
}

/** Every field of one line, by the value the line prints there (split by hand). */
async function assertFieldScopes(line: string): Promise<void> {
  const tokens = await tokenize(line);
  const [head, rest] = [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
  const [, n, at, pct] = head.split(' ');
  const [clock, , heap, goal, stacks, globals, procs] = rest.split(', ');
  const [sweep, mark, markTerm] = clock.replace(' ms clock', '').split('+');
  const [h0, h1, h2] = heap.replace(' MB', '').split('->');
  for (const t of tokens) assert.ok(t.scopes.includes('meta.gc-cycle.gctrace'), `${JSON.stringify(t.text)} outside the cycle in ${line}`);
  const textsIn = (scope: string) => tokens.filter((t) => t.scopes.at(-1) === scope).map((t) => t.text);
  const expected: [string, string[]][] = [
    ['keyword.other.gc.gctrace', ['gc']],
    ['constant.numeric.cycle.gctrace', [n]],
    ['constant.numeric.time.gctrace', [at.slice(1, -1)]],
    ['constant.numeric.percent.gctrace', [pct.slice(0, -1)]],
    ['constant.numeric.stw.sweep-termination.gctrace', [sweep]],
    ['constant.numeric.mark.gctrace', [mark]],
    ['constant.numeric.stw.mark-termination.gctrace', [markTerm]],
    ['constant.numeric.heap.start.gctrace', [h0]],
    ['constant.numeric.heap.end.gctrace', [h1]],
    ['constant.numeric.heap.live.gctrace', [h2]],
    ['constant.numeric.goal.gctrace', [goal.split(' ')[0]]],
    ['constant.numeric.stacks.gctrace', [stacks.split(' ')[0]]],
    ['constant.numeric.globals.gctrace', [globals.split(' ')[0]]],
    ['constant.numeric.procs.gctrace', [procs.split(' ')[0]]],
  ];
  for (const [scope, texts] of expected) assert.deepEqual(textsIn(scope), texts, `${scope} in ${line}`);
  assert.equal(tokens.some((t) => t.text === '(forced)' && t.scopes.at(-1) === 'keyword.control.forced.gctrace'), procs.endsWith('(forced)'), line);
}

test('grammar: every field of every line of the committed run gets its scope', async () => {
  const lines = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8'));
  for (const line of lines) await assertFieldScopes(line);
  const leak = lines.find((l) => l.includes('(checking for goroutine leaks)'))!;
  assert.equal(scopeOf(await tokenize(leak), '(checking for goroutine leaks)'), 'comment.note.gctrace');
});

test('grammar: lines of a fresh run with GODEBUG=gctrace=1', { skip: skipUnlessGo() }, async () => {
  for (const line of gcLinesOf((await runGcChurn()).stderr)) await assertFieldScopes(line);
});

test('grammar: a prefixed line is coloured from "gc" on; program output stays plain', async () => {
  const line = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8'))[3];
  const tokens = await tokenize(`2026-11-22T05:40:00Z ${line}`);
  assert.deepEqual(tokens[0], { text: '2026-11-22T05:40:00Z ', scopes: ['text.log.gctrace'] });
  assert.equal(scopeOf(tokens, 'gc'), 'keyword.other.gc.gctrace');
  const plain = await tokenize('gcchurn: round 3 done');
  assert.deepEqual(plain, [{ text: 'gcchurn: round 3 done', scopes: ['text.log.gctrace'] }]);
});
