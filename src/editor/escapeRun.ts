import * as vscode from 'vscode';
import { config } from '../config';
import type { Ctx } from '../ctx';
import { EscapeRunRequest } from '../protocol/lsp';
import type { EscapeRunResult } from '../protocol/types';

/** Said once per session each: nothing runs untrusted; go is missing. */
const told = { untrusted: false, noGo: false };

/**
 * Asks the language server to run the compiler's escape analysis for the
 * package of `uri` (or its module), with the user's Go toolchain settings.
 * Nothing runs in an untrusted workspace (the user is told once), a missing
 * go is one clear message, a run replaced by a newer one is silent.
 */
export async function runEscapeAnalysis(
  ctx: Ctx,
  uri: vscode.Uri,
  scope: 'package' | 'module',
  progress: vscode.ProgressLocation = vscode.ProgressLocation.Window,
  testsUnchanged = false,
): Promise<EscapeRunResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    if (!told.untrusted) {
      told.untrusted = true;
      void vscode.window.showInformationMessage('gomem: escape analysis runs `go`, which gomem never does in an untrusted workspace. Trust the workspace to see it.');
    }
    return undefined;
  }
  const client = ctx.client;
  if (!client) return undefined;
  const toolchain = { ...config.goToolchain(), includeTests: config.escapeIncludeTests() };
  const title = `gomem: escape analysis of ${scope === 'module' ? 'the module' : vscode.workspace.asRelativePath(vscode.Uri.joinPath(uri, '..'))}`;
  const result = await vscode.window.withProgress({ location: progress, title }, () =>
    client.sendRequest(EscapeRunRequest, { uri: uri.toString(), scope, toolchain, testsUnchanged }).then(undefined, () => undefined),
  );
  if (result?.failure?.reason === 'go-not-found' && !told.noGo) {
    told.noGo = true;
    void vscode.window.showErrorMessage(`gomem: escape analysis needs the go command. ${result.failure.message}`);
  } else if (result?.failure?.reason === 'error') {
    client.outputChannel.appendLine(`escape analysis failed: ${result.failure.message}`);
  } else if (result && result.exitCode !== 0) {
    client.outputChannel.appendLine(`escape analysis: the build of ${result.dir} failed; findings of the packages that compiled are shown.\n  ${result.buildErrors.join('\n  ')}`);
  }
  return result?.failure ? undefined : result;
}

/** What a command analyses: the active Go file (its package or module), else the first workspace folder. */
export function escapeTarget(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'go' && doc.uri.scheme === 'file') return doc.uri;
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}
