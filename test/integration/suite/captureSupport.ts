// Helpers shared by the capture*.test.ts suites (not a test file itself).
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import type { CaptureEntry } from '../../../src/capture/listCaptures';
import { until } from './until';

export { until };

export const MiB = 1 << 20;

export async function gomem(): Promise<GomemApi> {
  return vscode.extensions.getExtension<GomemApi>('gomem.gomem')!.activate();
}

export function workspaceDir(): string {
  return vscode.workspace.workspaceFolders![0].uri.fsPath;
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
