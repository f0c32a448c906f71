import * as vscode from 'vscode';
import { openCapture } from '../capture/openCapture';
import { runTestProfile, type TestProfileArgs } from '../capture/runTestProfile';
import type { Ctx } from '../ctx';

/**
 * What the "profile memory · profile CPU · trace" lenses above tests and
 * benchmarks run: profiles that one test with `go test` and opens the
 * result. Runs nothing in an untrusted workspace. Resolves with the file.
 */
export function profileTest(ctx: Ctx) {
  let toldUntrusted = false;
  return async (args?: TestProfileArgs): Promise<string | undefined> => {
    if (!args?.file || !args.name || !args.profile) return undefined;
    if (!vscode.workspace.isTrusted) {
      if (toldUntrusted) vscode.window.setStatusBarMessage('gomem: go test does not run in an untrusted workspace', 5_000);
      else void vscode.window.showWarningMessage('gomem runs no go command in an untrusted workspace. Trust this workspace to profile tests.', 'Manage Workspace Trust').then((pick) => pick && vscode.commands.executeCommand('workbench.trust.manage'));
      toldUntrusted = true;
      return undefined;
    }
    const result = await runTestProfile(ctx, args);
    const file = result?.files[args.profile];
    if (file) await openCapture(ctx, file);
    return file;
  };
}
