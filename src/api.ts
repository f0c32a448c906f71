import type * as vscode from 'vscode';
import type { CaptureEntry } from './capture/listCaptures';
import type { GoSessionInfo } from './debug/sessionInfo';
import type { DecorationSpec } from './core/view/lineDecorationSpec';
import type { MonitorInfo } from './protocol/monitor';
import type { GoroutineComparison } from './core/goroutine/compare';
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
  /** The captures folder as the Captured Profiles view lists it, newest first. */
  captures(): CaptureEntry[];
  /** The Go debug sessions gomem follows: the debuggee's PID, pause state and pprof endpoint once found. */
  goSessions(): GoSessionInfo[];
  /** GC trace lines collected from a Go debug session so far (what its status bar item shows), or undefined before the first. */
  gcTrace(sessionId: string): { cycles: number; forced: number; worstMs: number } | undefined;
  /** The memory monitor: its status-bar item as drawn, points, breaches and snapshots; undefined before one started. */
  monitor(): MonitorInfo | undefined;
  /** What the newest goroutine comparison panel shows (its title and rows), if one was opened. */
  goroutineComparison(): { title: string; comparison: GoroutineComparison } | undefined;
}
