import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { FlameViewState } from '../protocol/flame';
import { FunctionsAtRequest, LoadProfileRequest } from '../protocol/lsp';
import type { ProfileInfo } from '../protocol/types';
import { FLAME_VIEW_TYPE, FlamePanel } from './flamePanel';

/**
 * Every open flame graph, one per profile: opens or reveals them beside the
 * editor, restores them after a reload, and tells them which functions the
 * editor cursor is in.
 */
export class FlamePanels implements vscode.Disposable {
  private readonly panels = new Map<string, FlamePanel>();
  private readonly subs: vscode.Disposable[] = [];
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: Ctx) {
    this.subs.push(
      vscode.window.registerWebviewPanelSerializer(FLAME_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state as Partial<FlameViewState> | undefined),
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e.textEditor)),
      ctx.onDidChangeProfiles((s) => {
        for (const [id, p] of this.panels) {
          const info = s.profiles.find((x) => x.id === id);
          if (info) p.profile = info;
        }
      }),
    );
  }

  /** Shows the flame graph of a profile beside the active editor. */
  show(profile: ProfileInfo, preserveFocus = false): FlamePanel {
    const open = this.panels.get(profile.id);
    if (open) {
      open.panel.reveal(undefined, preserveFocus);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(FLAME_VIEW_TYPE, `Flame · ${profile.name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus });
    return this.adopt(panel, profile);
  }

  /** Takes over a panel VS Code made (a custom editor or a restored panel). */
  adopt(panel: vscode.WebviewPanel, profile: ProfileInfo, state?: Partial<FlameViewState>): FlamePanel {
    const p = new FlamePanel(this.ctx, panel, profile, state);
    this.panels.set(profile.id, p);
    p.onDidDispose(() => {
      if (this.panels.get(profile.id) === p) this.panels.delete(profile.id);
    });
    return p;
  }

  get(profileId: string): FlamePanel | undefined {
    return this.panels.get(profileId);
  }

  private async restore(panel: vscode.WebviewPanel, state: Partial<FlameViewState> | undefined): Promise<void> {
    const path = state?.profilePath;
    const client = this.ctx.client;
    if (!path || !client) {
      panel.dispose();
      return;
    }
    try {
      const info = await client.sendRequest(LoadProfileRequest, { path });
      this.adopt(panel, info, state);
    } catch {
      panel.dispose(); // the file is gone: nothing to restore
    }
  }

  /** Debounced: asks the server which function the cursor is in, for every panel of the active profile. */
  private cursorMoved(editor: vscode.TextEditor): void {
    if (editor.document.languageId !== 'go' || this.panels.size === 0) return;
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(async () => {
      const client = this.ctx.client;
      const active = this.ctx.profiles.activeId;
      const panel = active && this.panels.get(active);
      if (!client || !panel) return;
      const line = editor.selection.active.line;
      const functions = await client.sendRequest(FunctionsAtRequest, { uri: editor.document.uri.toString(), line }).catch(() => []);
      panel.post({ type: 'highlight', functions });
    }, 150);
  }

  dispose(): void {
    clearTimeout(this.cursorTimer);
    for (const p of this.panels.values()) p.panel.dispose();
    this.subs.splice(0).forEach((d) => d.dispose());
  }
}
