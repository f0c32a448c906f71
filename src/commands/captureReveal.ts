import * as vscode from 'vscode';
import type { CaptureEntry } from '../capture/listCaptures';

/** "Reveal in File Explorer" on a capture: the operating system's file manager. */
export function revealCapture() {
  return async (entry?: CaptureEntry): Promise<void> => {
    if (entry?.path) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(entry.path));
  };
}
