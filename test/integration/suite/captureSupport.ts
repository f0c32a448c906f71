// Helpers shared by the capture*.test.ts suites (not a test file itself).
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import type { CaptureEntry } from '../../../src/capture/listCaptures';

export const MiB = 1 << 20;

export async function gomem(): Promise<GomemApi> {
  return vscode.extensions.getExtension<GomemApi>('gomem.gomem')!.activate();
}

export function workspaceDir(): string {
  return vscode.workspace.workspaceFolders![0].uri.fsPath;
}

/** Polls until `probe` gives a value; the machine is slow, so waits are generous and never the point of a test. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The Captured Profiles view's entry for a file, once it lists it. */
export function listed(api: GomemApi, file: string): Promise<CaptureEntry> {
  return until(`the Captured Profiles view to list ${file}`, () => api.captures().find((e) => e.path === file));
}

/** Where a test that needs something this machine lacks goes: a skip, except in CI. */
export function skipOrFail(ctx: Mocha.Context, reason: string): void {
  if (process.env.CI === 'true') throw new Error(`${reason}: must not be skipped in CI`);
  ctx.skip();
}
