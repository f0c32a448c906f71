import * as vscode from 'vscode';
import { askRequest, type RequestArgs } from '../capture/askRequest';
import { showCaptureError } from '../capture/captureErrors';
import { CaptureMemory } from '../capture/captureMemory';
import { targetFromArg, type CaptureTarget, type TargetArg } from '../capture/captureTarget';
import { openCapture } from '../capture/openCapture';
import { pickTarget } from '../capture/pickTarget';
import { describeRequest, runCapture } from '../capture/runCapture';
import { showGoroutineComparison } from '../webview/goroutinePanel';
import type { Ctx } from '../ctx';
import type { CaptureKind } from '../node/capture';

/** Arguments for keybindings, other extensions and tests; anything missing is asked. */
export interface CaptureArgs extends RequestArgs {
  readonly target?: TargetArg;
}

const TITLES: Record<CaptureKind, string> = {
  heap: 'Capture Heap Profile',
  allocs: 'Capture Allocs Profile',
  goroutine: 'Capture Goroutine Profile',
  cpu: 'Capture CPU Profile',
  block: 'Capture Block Profile',
  mutex: 'Capture Mutex Profile',
  trace: 'Capture Execution Trace',
  goroutineleak: 'Capture Goroutine Leak Profile',
};

/**
 * "Go Memory: Capture … Profile" (one command per kind) and "Capture Heap
 * Delta": choose the target, say what to capture, fetch it into the
 * captures folder and open it. Resolves with the saved file's path.
 */
export function capture(kind: CaptureKind, delta = false) {
  return (ctx: Ctx) =>
    async (args: CaptureArgs = {}): Promise<string | undefined> => {
      const title = delta ? 'Capture Heap Delta' : TITLES[kind];
      const target = await chooseTarget(ctx, args.target, title);
      if (!target) return undefined;
      const request = await askRequest(kind, delta, args, new CaptureMemory(ctx.extension.workspaceState));
      if (!request) return undefined;
      const result = await runCapture(ctx, target, request);
      if (!result) return undefined;
      // Leaked goroutines are read as groups (stack, count, entry), not as a flame graph.
      if (kind === 'goroutineleak') await showGoroutineComparison(ctx, [result.file]);
      else await openCapture(ctx, result.file);
      void vscode.window.setStatusBarMessage(`gomem: ${describeRequest(request)} saved to ${result.file}`, 8_000);
      return result.file;
    };
}

/** The target a command argument names, else the quick pick of debug sessions, processes and URLs; undefined (with the error shown) when there is none. */
export async function chooseTarget(ctx: Ctx, arg: TargetArg | undefined, title: string): Promise<CaptureTarget | undefined> {
  if (arg === undefined) return pickTarget(ctx, title);
  try {
    return targetFromArg(arg, ctx.goSessions);
  } catch (err) {
    await showCaptureError(err, title, ctx.captureOutput);
    return undefined;
  }
}
