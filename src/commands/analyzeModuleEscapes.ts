import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { escapeTarget, runEscapeAnalysis } from '../editor/escapeRun';
import type { EscapeRunResult } from '../protocol/types';

/** "Go Memory: Analyze Escapes in Module": every package of the active file's module (or the first folder's). */
export function analyzeModuleEscapes(ctx: Ctx) {
  return async (): Promise<EscapeRunResult | undefined> => {
    const target = escapeTarget();
    if (!target) {
      void vscode.window.showInformationMessage('gomem: open a Go file or folder to analyse its module.');
      return undefined;
    }
    return runEscapeAnalysis(ctx, target, 'module', vscode.ProgressLocation.Notification);
  };
}
