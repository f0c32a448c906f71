import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { config } from '../config';

/**
 * Where captures are saved: the `gomem.capture.folder` setting (relative to
 * the first workspace folder), else the workspace's `.gomem/`, else (no
 * folder open) the extension's global storage.
 */
export function captureFolderPath(globalStorage: vscode.Uri): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const setting = config.captureFolder();
  if (setting) return isAbsolute(setting) || !root ? setting : join(root, setting);
  return root ? join(root, '.gomem') : join(globalStorage.fsPath, 'captures');
}

/**
 * The capture folder, created when missing. The default `.gomem/` gets a
 * `.gitignore` of `*`, so profiles never end up in a commit by accident.
 */
export async function ensureCaptureFolder(globalStorage: vscode.Uri): Promise<string> {
  const dir = captureFolderPath(globalStorage);
  await mkdir(dir, { recursive: true });
  const ignore = join(dir, '.gitignore');
  if (!config.captureFolder() && vscode.workspace.workspaceFolders?.length && !existsSync(ignore)) {
    await writeFile(ignore, '*\n', { flag: 'wx' }).catch(() => undefined);
  }
  return dir;
}
