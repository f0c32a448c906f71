import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EscapeOutputResult } from '../protocol/types';

/** The raw -m text as a read-only document (language go-compiler-output, coloured by syntaxes/go-compiler-output.tmLanguage.json). */
export const COMPILER_OUTPUT_SCHEME = 'gomem-compiler';
export const COMPILER_OUTPUT_LANGUAGE = 'go-compiler-output';

/** Documents shown so far: their text and the directory their relative paths start from. */
const shown = new Map<string, { text: string; dir: string }>();

/** Opens (or refreshes) the compiler output of one analysis beside the code. */
export async function openCompilerOutput(out: EscapeOutputResult): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: COMPILER_OUTPUT_SCHEME, path: `${out.dir.replace(/\\/g, '/')}/go-compiler-output.txt`, query: out.scope });
  const header = `# go ${out.args.join(' ')}\n# in ${out.dir}\n`;
  shown.set(uri.toString(), { text: header + out.text, dir: out.dir });
  changed.fire(uri);
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), COMPILER_OUTPUT_LANGUAGE);
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

const changed = new vscode.EventEmitter<vscode.Uri>();

/** The content provider and the links that make `./main.go:8:2` (and `at …`) open the place. */
export function registerCompilerOutput(): vscode.Disposable {
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(COMPILER_OUTPUT_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => shown.get(uri.toString())?.text ?? '',
    }),
    vscode.languages.registerDocumentLinkProvider({ language: COMPILER_OUTPUT_LANGUAGE }, { provideDocumentLinks: (doc) => compilerOutputLinks(doc) }),
  );
}

/** Positions at the start of a line (`FILE:LINE[:COL]: `) and after ` at ` in explanations. */
const POSITION = /(^|\sat )((?:[A-Za-z]:)?[^\s:]+\.go):(\d+)(?::(\d+))?/g;

function compilerOutputLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
  const dir = shown.get(doc.uri.toString())?.dir;
  if (!dir) return [];
  const links: vscode.DocumentLink[] = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    for (const m of text.matchAll(POSITION)) {
      const start = m.index! + m[1].length;
      const end = start + m[0].length - m[1].length;
      const target = vscode.Uri.file(path.resolve(dir, m[2])).with({ fragment: `L${m[3]}${m[4] ? `,${m[4]}` : ''}` });
      links.push(new vscode.DocumentLink(new vscode.Range(i, start, i, end), target));
    }
  }
  return links;
}
