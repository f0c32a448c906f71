import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { config } from '../config';
import type { Ctx } from '../ctx';
import { profileTest, type TestProfileResult } from '../node/capture';
import { ensureCaptureFolder } from './captureFolder';
import { showCaptureError } from './captureErrors';

/** What a test lens asks for; `memory` writes the allocs profile (all four heap sample types). */
export type TestProfileKind = 'memory' | 'cpu' | 'trace';

export interface TestProfileArgs {
  /** The _test.go file: its directory is the package `go test` runs. */
  readonly file: string;
  /** `TestX`, `BenchmarkX` (subtests `TestX/case` too). */
  readonly name: string;
  readonly profile: TestProfileKind;
}

/**
 * Runs one test or benchmark under `go test` with the user's toolchain
 * (go binary, go.toolsEnvVars, go.buildFlags/buildTags), its output in the
 * capture output channel, behind a cancellable progress notification
 * (cancel kills the whole process tree). A failing test still yields the
 * profile it wrote. Undefined when nothing was written or it was cancelled.
 */
export async function runTestProfile(ctx: Ctx, args: TestProfileArgs): Promise<TestProfileResult | undefined> {
  const out = ctx.captureOutput;
  const what = `profiling ${args.name} (${args.profile})`;
  try {
    const outDir = await ensureCaptureFolder(ctx.extension.globalStorageUri);
    const toolchain = config.goToolchain();
    out?.appendLine(`\n── ${new Date().toLocaleTimeString()} ${what} in ${dirname(args.file)}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `gomem: ${what}`, cancellable: true },
      (progress, token) => {
        const control = new AbortController();
        token.onCancellationRequested(() => control.abort());
        progress.report({ message: 'go test…' });
        return profileTest({
          packageDir: dirname(args.file),
          name: args.name,
          profiles: { [args.profile]: true },
          outDir,
          toolchain,
          onOutput: (text) => out?.append(text),
          signal: control.signal,
        });
      },
    );
    out?.appendLine(`── ${result.command.join(' ')}\n── exit ${result.exitCode}; saved ${Object.values(result.files).join(', ')}`);
    await ctx.captures?.refresh();
    if (!result.passed) {
      void vscode.window.showWarningMessage(`gomem: ${args.name} failed (exit ${result.exitCode}); showing the profile it wrote.`, 'Show Output').then((pick) => pick && out?.show(true));
    }
    return result;
  } catch (err) {
    out?.appendLine(`── ${what}: ${(err as Error).message}`);
    await showCaptureError(err, what, out);
    return undefined;
  }
}
