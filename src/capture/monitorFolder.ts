import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { config } from '../config';
import { ensureCaptureFolder } from './captureFolder';

/**
 * Where the memory monitor saves breach snapshots: `gomem.monitor.snapshotFolder`
 * (relative to the first workspace folder), else the captures folder, so the
 * Captured Profiles view lists them.
 */
export async function ensureSnapshotFolder(globalStorage: vscode.Uri): Promise<string> {
  const setting = config.monitorSnapshotFolder();
  if (!setting) return ensureCaptureFolder(globalStorage);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const dir = isAbsolute(setting) || !root ? setting : join(root, setting);
  await mkdir(dir, { recursive: true });
  return dir;
}
