import type * as vscode from 'vscode';
import type { DecorationSpec } from './core/view/lineDecorationSpec';
import type { ProfilesState, ServerInfo } from './protocol/types';

/**
 * What `activate` returns: other extensions (and gomem's own integration
 * tests) can read which profiles are loaded and what is drawn in a document.
 */
export interface GomemApi {
  profiles(): ProfilesState;
  decorationsFor(uri: vscode.Uri): DecorationSpec;
  onDidApplyDecorations: vscode.Event<vscode.Uri>;
  /** The language server's process and memory, or undefined while it is not running. */
  serverInfo(): Promise<ServerInfo | undefined>;
}
