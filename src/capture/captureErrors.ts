import * as vscode from 'vscode';
import { CaptureError, PPROF_SNIPPET } from '../node/capture';

/**
 * A failed capture, told to the user: nothing when they cancelled; for a
 * program that does not serve pprof, the fix with a "Copy snippet" button;
 * otherwise the CaptureError's message. The full text also goes to the
 * capture output channel (notifications show one paragraph).
 */
export async function showCaptureError(err: unknown, what: string, output?: vscode.OutputChannel): Promise<void> {
  if (err instanceof CaptureError && err.code === 'cancelled') return;
  const message = err instanceof Error ? err.message : String(err);
  output?.appendLine(`${what} failed: ${message}`);
  if (err instanceof CaptureError && err.code === 'no-pprof') {
    const head = message.split('\n')[0];
    const pick = await vscode.window.showErrorMessage(`gomem: ${head} Add to main: ${PPROF_SNIPPET.replace(/\n/g, '; ')}`, 'Copy snippet', 'Details');
    if (pick === 'Copy snippet') await vscode.env.clipboard.writeText(PPROF_SNIPPET);
    if (pick === 'Details') output?.show(true);
    return;
  }
  const pick = await vscode.window.showErrorMessage(`gomem: ${what} failed: ${message.replace(/\s*\n\s*/g, ' ')}`, ...(output ? ['Details'] : []));
  if (pick === 'Details') output?.show(true);
}
