import * as vscode from 'vscode';
import { latestPairsByTarget } from '../capture/goroutineCaptures';
import type { TargetArg } from '../capture/captureTarget';
import { runCapture } from '../capture/runCapture';
import type { GoroutineComparison } from '../core/goroutine/compare';
import type { Ctx } from '../ctx';
import { showGoroutineComparison } from '../webview/goroutinePanel';
import { chooseTarget } from './capture';

const TITLE = 'Compare Goroutines';
const DEFAULT_INTERVAL_SECONDS = 5;

/** Arguments for keybindings and tests: with `target`, two captures are taken from it now. */
export interface CompareGoroutinesArgs {
  readonly target?: TargetArg;
  /** Seconds between the two captures (default 5). */
  readonly intervalSeconds?: number;
}

/**
 * "Go Memory: Compare Goroutines": the latest two goroutine captures of a
 * target side by side — which groups grew. With fewer than two of any
 * target it offers to take two now, a few seconds apart.
 */
export function compareGoroutines(ctx: Ctx) {
  return async (args: CompareGoroutinesArgs = {}): Promise<GoroutineComparison | undefined> => {
    if (args.target === undefined) {
      await ctx.captures?.refresh();
      const pairs = latestPairsByTarget(ctx.captures?.list ?? []);
      const chosen = pairs.length > 1 ? await pickPair(pairs) : pairs[0];
      if (chosen) return showGoroutineComparison(ctx, chosen.pair.map((e) => e.path));
      if (pairs.length > 1) return undefined; // the pick was dismissed
      const go = await vscode.window.showInformationMessage(
        'gomem: there are no two goroutine captures of one program to compare. Capture two now, a few seconds apart?',
        'Capture Two',
      );
      if (go !== 'Capture Two') return undefined;
    }
    const files = await captureTwo(ctx, args.target, args.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS);
    return files ? showGoroutineComparison(ctx, files) : undefined;
  };
}

async function pickPair<T extends { target: string; pair: [{ name: string }, { name: string }] }>(pairs: T[]): Promise<T | undefined> {
  const pick = await vscode.window.showQuickPick(
    pairs.map((p) => ({ label: p.target || '(unnamed)', description: `${p.pair[0].name} → ${p.pair[1].name}`, p })),
    { title: TITLE, placeHolder: 'Which program? (its latest two goroutine captures)' },
  );
  return pick?.p;
}

/** Two goroutine captures of one target, `seconds` apart (the wait is cancellable). */
async function captureTwo(ctx: Ctx, arg: TargetArg | undefined, seconds: number): Promise<string[] | undefined> {
  const target = await chooseTarget(ctx, arg, TITLE);
  if (!target) return undefined;
  const first = await runCapture(ctx, target, { kind: 'goroutine' });
  if (!first) return undefined;
  const waited = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `gomem: second goroutine capture in ${seconds} s…`, cancellable: true },
    (_progress, token) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), seconds * 1000);
        token.onCancellationRequested(() => {
          clearTimeout(timer);
          resolve(false);
        });
      }),
  );
  if (!waited) return undefined;
  const second = await runCapture(ctx, target, { kind: 'goroutine' });
  return second ? [first.file, second.file] : undefined;
}
