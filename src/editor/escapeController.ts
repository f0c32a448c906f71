import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { config, ESCAPE_RUN_SETTINGS, ESCAPE_VIEW_SETTINGS } from '../config';
import type { Ctx } from '../ctx';
import { EscapeChangedNotification, EscapeViewRequest } from '../protocol/lsp';
import { registerEscapeHover } from './escapeHover';
import { EscapeMarkers } from './escapeMarkers';
import { registerCompilerOutput } from './escapeOutput';
import { runEscapeAnalysis } from './escapeRun';

/** Saves in one package within this many milliseconds make one run. */
const SAVE_DEBOUNCE_MS = 300;

/**
 * Escape analysis in VS Code: runs it for the package of the active Go file
 * (once per server session) and again after saves (debounced per package;
 * the server cancels a run a newer one replaces), tells the server what to
 * show, and draws markers and hovers. The server publishes the diagnostics.
 */
export function registerEscapeAnalysis(ctx: Ctx): void {
  ctx.own(new EscapeController(ctx));
}

class EscapeController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Package directories analysed by the current server (it keeps their results). */
  private readonly analysed = new Set<string>();
  /** Of those, the ones whose last full run (with the _test.go files) completed. */
  private readonly tested = new Set<string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly markers: EscapeMarkers;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    this.markers = new EscapeMarkers(ctx);
    this.disposables.push(
      this.markers,
      registerEscapeHover(ctx),
      registerCompilerOutput(),
      ctx.onDidChangeProfiles(() => void this.onServerState()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.analyzeActive()),
      vscode.window.onDidChangeVisibleTextEditors(() => void this.markers.refresh(config.escapeEnabled())),
      vscode.workspace.onDidSaveTextDocument((doc) => this.scheduleAfterSave(doc)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.analyzeActive()),
      vscode.workspace.onDidChangeConfiguration((e) => void this.onConfiguration(e)),
    );
  }

  /** A (re)started server knows nothing yet; a profile change changes the bytes shown. */
  private async onServerState(): Promise<void> {
    const client = this.ctx.client;
    if (!client) return;
    if (client !== this.client) {
      this.client = client;
      this.analysed.clear();
      this.tested.clear();
      this.ctx.ownForServer(client.onNotification(EscapeChangedNotification, (p) => void this.markers.refresh(config.escapeEnabled(), p.uris)));
      await this.sendView();
      await this.analyzeActive();
    } else {
      await this.sendView(); // republishes with the active profile's bytes
    }
  }

  private async onConfiguration(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (ESCAPE_VIEW_SETTINGS.some((s) => e.affectsConfiguration(s))) {
      await this.sendView();
      await this.markers.refresh(config.escapeEnabled());
      await this.analyzeActive();
    }
    if (ESCAPE_RUN_SETTINGS.some((s) => e.affectsConfiguration(s))) {
      this.analysed.clear();
      this.tested.clear();
      await this.analyzeActive();
    }
  }

  private sendView(): Promise<void> {
    const client = this.ctx.client;
    return client ? client.sendRequest(EscapeViewRequest, { enabled: config.escapeEnabled(), kinds: config.escapeKinds() }).then(undefined, () => undefined) : Promise.resolve();
  }

  /** The active Go file's package, unless this server already analysed it. */
  private async analyzeActive(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isGoFile(doc) || !config.escapeEnabled() || !this.ctx.client) return;
    const dir = path.dirname(doc.uri.fsPath);
    if (this.analysed.has(dir)) return;
    this.analysed.add(dir);
    if (await runEscapeAnalysis(this.ctx, doc.uri, 'package')) this.tested.add(dir);
    else this.analysed.delete(dir);
  }

  private scheduleAfterSave(doc: vscode.TextDocument): void {
    if (!isGoFile(doc) || !config.escapeEnabled()) return;
    const dir = path.dirname(doc.uri.fsPath);
    clearTimeout(this.pending.get(dir));
    this.pending.set(
      dir,
      setTimeout(() => {
        this.pending.delete(dir);
        this.analysed.add(dir);
        // A saved non-test file leaves the tests as they were: go build, no test binary to link.
        const testsUnchanged = this.tested.has(dir) && !doc.fileName.endsWith('_test.go');
        void runEscapeAnalysis(this.ctx, doc.uri, 'package', undefined, testsUnchanged).then((r) => r && !testsUnchanged && this.tested.add(dir));
      }, SAVE_DEBOUNCE_MS),
    );
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.disposables.forEach((d) => d.dispose());
  }
}

function isGoFile(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'go' && doc.uri.scheme === 'file';
}
