// The TextMate engine of the VS Code running the suite, for asserting scopes (not a test file itself).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Tokenizes lines with the grammar gomem contributes, using the TextMate
 * engine of the VS Code running this test (vscode-textmate and
 * vscode-oniguruma under its appRoot), as the editor colours the document.
 */
export async function tokenize(language: string, lines: string[]): Promise<{ text: string; scopes: string[] }[]> {
  const pkg = vscode.extensions.getExtension('gomem.gomem')!.packageJSON as { contributes: { grammars: { language: string; path: string; scopeName: string }[] } };
  const contributed = pkg.contributes.grammars.find((g) => g.language === language)!;
  const grammarPath = path.join(vscode.extensions.getExtension('gomem.gomem')!.extensionPath, contributed.path);
  const req = createRequire(path.join(vscode.env.appRoot, 'package.json'));
  const onig = req('vscode-oniguruma');
  const textmate = req('vscode-textmate');
  await onig.loadWASM(fs.readFileSync(path.join(path.dirname(req.resolve('vscode-oniguruma')), 'onig.wasm')).buffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async () => textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  const grammar = await registry.loadGrammar(contributed.scopeName);
  const out: { text: string; scopes: string[] }[] = [];
  let state = textmate.INITIAL;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}
