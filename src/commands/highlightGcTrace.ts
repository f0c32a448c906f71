import * as vscode from 'vscode';

export const GCTRACE_LANGUAGE = 'gctrace';

/** "Go Memory: Highlight as GC Trace": any log (a .log, output pasted into an untitled editor) gets the gctrace grammar. */
export function highlightGcTrace() {
  return async (): Promise<vscode.TextDocument | undefined> => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage('gomem: open the log to highlight first.');
      return undefined;
    }
    return vscode.languages.setTextDocumentLanguage(doc, GCTRACE_LANGUAGE);
  };
}
