import * as vscode from 'vscode';
import { TRACE_VIEW_TYPE } from '../webview/traceEditor';

/** "Go Memory: Open Trace Summary…": a Go execution trace's summary beside the editor. */
export function openTraceSummary() {
  return async (arg?: vscode.Uri | string): Promise<void> => {
    const uri =
      arg instanceof vscode.Uri
        ? arg
        : typeof arg === 'string'
          ? vscode.Uri.file(arg)
          : (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Open Trace', filters: { 'Go execution traces': ['trace', 'out'], 'All files': ['*'] } }))?.[0];
    if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, TRACE_VIEW_TYPE, vscode.ViewColumn.Beside);
  };
}
