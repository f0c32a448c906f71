import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

/** "Go Memory: Show Flame Graph": the active profile's flame graph beside the editor. */
export function showFlameGraph(ctx: Ctx) {
  return (): void => {
    const p = ctx.profiles.profiles.find((x) => x.id === ctx.profiles.activeId);
    if (!p || !ctx.flamePanels) {
      void vscode.window.showInformationMessage('gomem: open a profile first (Go Memory: Open Profile…).');
      return;
    }
    ctx.flamePanels.show(p);
  };
}
