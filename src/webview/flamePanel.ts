import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { decodeFlameTree } from '../node/flameWire';
import { parseFlameMessage, type FlameTree, type FlameViewState, type HostToFlame } from '../protocol/flame';
import { FlameTreeRequest, SetSampleTypeRequest } from '../protocol/lsp';
import type { ProfileInfo } from '../protocol/types';
import { webviewHtml, webviewOptions } from './html';
import { openBeside } from './profileEditor';

export const FLAME_VIEW_TYPE = 'gomem.flameGraph';

/**
 * One flame graph panel for one profile: relays the tree from the language
 * server, opens sources beside itself, follows the editor cursor, and keeps
 * its view state for reloads. The webview asks; this side decides.
 */
export class FlamePanel implements vscode.Disposable {
  private tree: FlameTree | undefined;
  private localFiles: (string | null)[] = [];
  private state: Partial<FlameViewState> | undefined;
  private baseId: string | undefined;
  private baseName: string | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    private readonly ctx: Ctx,
    readonly panel: vscode.WebviewPanel,
    public profile: ProfileInfo,
    restored?: Partial<FlameViewState>,
  ) {
    this.state = restored;
    const ext = ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(ext);
    panel.webview.html = webviewHtml(panel.webview, ext, 'flame', `Flame graph — ${profile.name}`);
    this.subs.push(
      panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  post(m: HostToFlame): void {
    void this.panel.webview.postMessage(m);
  }

  /** Compares with another loaded profile (undefined: stop comparing). */
  async compareWith(base: ProfileInfo | undefined): Promise<void> {
    this.baseId = base?.id;
    this.baseName = base?.name;
    await this.sendTree();
  }

  focus(fn: string): void {
    this.panel.reveal(undefined, true);
    this.post({ type: 'focus', function: fn });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parseFlameMessage(raw);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        return this.sendTree();
      case 'openLocation':
        return this.openNode(m.node);
      case 'setSampleType':
        if (this.ctx.client && m.index < this.profile.sampleTypes.length) {
          this.profile = await this.ctx.client.sendRequest(SetSampleTypeRequest, { id: this.profile.id, sampleType: m.index });
        }
        return;
      case 'state':
        this.state = m.state;
        return;
      case 'compare':
        return void vscode.commands.executeCommand('gomem.compareProfiles', { profileId: this.profile.id });
    }
  }

  private async sendTree(): Promise<void> {
    const client = this.ctx.client;
    if (!client) return;
    const wire = await client.sendRequest(FlameTreeRequest, { id: this.profile.id, baseId: this.baseId });
    this.tree = decodeFlameTree(wire);
    this.localFiles = wire.localFiles;
    const state = { ...this.state, sampleTypeIndex: this.profile.sampleTypeIndex, profilePath: this.profile.path };
    this.post({ type: 'init', profileName: this.profile.name, tree: this.tree, state, baseName: this.baseName });
  }

  private async openNode(node: number): Promise<void> {
    const t = this.tree;
    if (!t || node <= 0 || node >= t.parent.length) return;
    const local = this.localFiles[t.file[node]];
    if (!local) {
      void vscode.window.showInformationMessage(`gomem: ${t.files[t.file[node]] || t.names[t.name[node]]} is not on this machine (see gomem.substitutePath).`);
      return;
    }
    await openBeside(local, t.line[node], this.panel.viewColumn);
  }

  dispose(): void {
    this.subs.splice(0).forEach((d) => d.dispose());
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }
}
