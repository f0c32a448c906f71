import * as vscode from 'vscode';
import { loadProfileUri } from '../commands/openProfile';
import type { Ctx } from '../ctx';
import type { FlamePanels } from './flamePanels';

export const FLAME_EDITOR_VIEW_TYPE = 'gomem.profile';

/**
 * Opening a .pb.gz/.pprof/.prof file shows its flame graph as a read-only
 * custom editor, and loads the profile so Go files get their per-line values.
 */
export function registerFlameEditor(ctx: Ctx, panels: FlamePanels): void {
  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    resolveCustomEditor: async (doc, panel) => {
      const info = await loadProfileUri(ctx, doc.uri);
      if (!info) {
        panel.webview.html = `<!DOCTYPE html><html><body><p>Could not load this file as a pprof profile; see the error notification.</p></body></html>`;
        return;
      }
      panels.adopt(panel, info);
    },
  };
  ctx.own(vscode.window.registerCustomEditorProvider(FLAME_EDITOR_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: false }));
}
