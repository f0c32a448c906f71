import * as vscode from 'vscode';
import { loadProfileUri } from '../commands/openProfile';
import type { Ctx } from '../ctx';
import type { ProfileInfo } from '../protocol/types';

/**
 * Shows a capture at once. A profile is loaded into the language server and
 * made active (per-line values in Go files), its flame graph beside the
 * editor; a trace opens with whatever editor is registered for .trace files,
 * and a notification says where it was saved.
 */
export async function openCapture(ctx: Ctx, file: string): Promise<ProfileInfo | undefined> {
  const uri = vscode.Uri.file(file);
  if (file.endsWith('.trace')) {
    await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
    void vscode.window.showInformationMessage(`gomem: trace saved to ${file}`, 'Reveal').then((pick) => {
      if (pick) void vscode.commands.executeCommand('revealFileInOS', uri);
    });
    return undefined;
  }
  const info = await loadProfileUri(ctx, uri);
  if (info) ctx.flamePanels?.show(info, true);
  return info;
}
