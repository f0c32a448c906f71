import * as vscode from 'vscode';
import { config } from '../config';
import { captureSeconds } from '../core/capture/kinds';
import { formatValue } from '../core/format/units';
import type { Ctx } from '../ctx';
import { captureFromDebuggee } from '../debug/debuggeeCapture';
import { captureProfile, type CaptureOptions, type CaptureRequest, type CaptureResult } from '../node/capture';
import { ensureCaptureFolder } from './captureFolder';
import { showCaptureError } from './captureErrors';
import { CaptureMemory } from './captureMemory';
import type { CaptureTarget } from './captureTarget';

/**
 * Fetches one capture behind a cancellable progress notification, with the
 * limits from settings, into the captures folder. Failures are shown (not
 * a cancel); a URL that worked is remembered. Undefined when it failed.
 */
export async function runCapture(ctx: Ctx, target: CaptureTarget, request: CaptureRequest): Promise<CaptureResult | undefined> {
  const what = `capturing ${describeRequest(request)} from ${target.label}`;
  try {
    const outDir = await ensureCaptureFolder(ctx.extension.globalStorageUri);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `gomem: ${what}`, cancellable: true },
      async (progress, token) => {
        const control = new AbortController();
        token.onCancellationRequested(() => control.abort());
        progress.report({ message: 'finding the pprof endpoint…' });
        const endpoint = await target.resolve(control.signal);
        progress.report({ message: waitingMessage(target, request) });
        const opts: CaptureOptions = {
          outDir,
          limits: config.captureLimits(),
          signal: control.signal,
          onProgress: (bytes) => progress.report({ message: `${formatValue(bytes, 'bytes')} received` }),
        };
        return target.session ? captureFromDebuggee(target.session, endpoint, request, opts) : captureProfile(endpoint, request, opts);
      },
    );
    ctx.captureOutput?.appendLine(`${new Date().toLocaleTimeString()} ${result.url} → ${result.file} (${result.bytes} bytes)`);
    if (target.url) await new CaptureMemory(ctx.extension.workspaceState).rememberUrl(target.url);
    await ctx.captures?.refresh();
    return result;
  } catch (err) {
    await showCaptureError(err, what, ctx.captureOutput);
    return undefined;
  }
}

/** `heap profile (GC first)`, `10 s CPU profile`, `heap delta over 10 s`. */
export function describeRequest(r: CaptureRequest): string {
  if (r.kind === 'cpu') return `${captureSeconds(r)} s CPU profile`;
  if (r.kind === 'trace') return `${captureSeconds(r)} s execution trace`;
  if (r.seconds !== undefined) return `${r.kind} delta over ${r.seconds} s`;
  return `${r.kind} profile${r.gc ? ' (GC first)' : ''}`;
}

function waitingMessage(target: CaptureTarget, r: CaptureRequest): string {
  if (target.session?.state.paused) return 'the program is paused: the capture is taken when you continue it…';
  if (r.kind === 'cpu' || r.kind === 'trace' || r.seconds !== undefined) return `recording for ${captureSeconds(r)} s…`;
  return 'fetching…';
}
