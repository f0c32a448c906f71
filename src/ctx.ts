import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GcTraceCollector } from './debug/gctraceCollector';
import type { MonitorController } from './capture/monitorController';
import type { GoSessions } from './debug/goSessions';
import type { CapturesTree } from './editor/capturesTree';
import type { ProfilesState } from './protocol/types';
import type { FlamePanels } from './webview/flamePanels';

/**
 * Owns every disposable, in two lifetimes: the extension's (commands, views,
 * decoration types) and one language-server session's (the client and what
 * listens to it), so a server restart cleans up exactly its own things.
 */
export class Ctx implements vscode.Disposable {
  private serverScope: vscode.Disposable[] = [];
  private readonly stateEmitter = new vscode.EventEmitter<ProfilesState>();
  private current: ProfilesState = { profiles: [] };
  client: LanguageClient | undefined;
  /** The open flame graphs (created at activation). */
  flamePanels: FlamePanels | undefined;
  /** Go debug sessions followed for captures (created at activation). */
  goSessions: GoSessions | undefined;
  /** The Captured Profiles view (created at activation). */
  captures: CapturesTree | undefined;
  /** Capture and `go test` output (created at activation). */
  captureOutput: vscode.OutputChannel | undefined;
  /** gctrace lines collected from Go debug sessions (created at activation). */
  gcTraces: GcTraceCollector | undefined;
  /** The live memory monitor (created at activation). */
  monitor: MonitorController | undefined;

  /** Fires whenever the server reports a change of loaded profiles or sample type. */
  readonly onDidChangeProfiles = this.stateEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    extension.subscriptions.push(this.stateEmitter, this);
  }

  get profiles(): ProfilesState {
    return this.current;
  }

  setProfiles(state: ProfilesState): void {
    this.current = state;
    this.stateEmitter.fire(state);
  }

  /** Registers something that lives as long as the extension. */
  own<T extends vscode.Disposable>(d: T): T {
    this.extension.subscriptions.push(d);
    return d;
  }

  /** Registers something that lives as long as the current server session. */
  ownForServer<T extends vscode.Disposable>(d: T): T {
    this.serverScope.push(d);
    return d;
  }

  disposeServerScope(): void {
    for (const d of this.serverScope.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeServerScope();
  }
}
