import * as vscode from 'vscode';
import { config } from '../config';
import { testLensSpecs } from './testLensSpec';

/** Code lenses above tests and benchmarks in _test.go files that run `gomem.profileTest`. */
export function registerTestLens(): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses: (doc) => {
      if (!config.testLens()) return [];
      return testLensSpecs(doc.getText()).map(
        (s) =>
          new vscode.CodeLens(new vscode.Range(s.line, 0, s.line, 0), {
            title: s.title,
            tooltip: s.tooltip,
            command: 'gomem.profileTest',
            arguments: [{ file: doc.uri.fsPath, name: s.name, profile: s.profile }],
          }),
      );
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file', pattern: '**/*_test.go' }, provider),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('gomem.testLens.enabled') && changed.fire()),
  );
}
