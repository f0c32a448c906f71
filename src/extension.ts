import * as vscode from 'vscode';
import { startClient, stopClient } from './client';
import { registerCommands } from './commands';
import { RESTART_SETTINGS, VIEW_SETTINGS } from './config';
import { Ctx } from './ctx';
import { registerCaptureOnStop } from './debug/captureOnStop';
import { GoSessions } from './debug/goSessions';
import { GcTraceCollector } from './debug/gctraceCollector';
import { createGcTraceStatus } from './editor/gctraceStatus';
import { CapturesTree } from './editor/capturesTree';
import { registerEscapeAnalysis } from './editor/escapeController';
import { LineDecorations } from './editor/lineDecorations';
import { createStatusBar } from './editor/statusBar';
import { MonitorController } from './capture/monitorController';
import { registerTestLens } from './editor/testLens';
import { registerFlameEditor } from './webview/flameEditor';
import { FlamePanels } from './webview/flamePanels';
import { registerProfileEditor } from './webview/profileEditor';
import { registerTraceEditor } from './webview/traceEditor';
import { latestGoroutineComparison, registerGoroutinePanelSerializer } from './webview/goroutinePanel';
import type { GomemApi } from './api';
import { ServerInfoRequest } from './protocol/lsp';
import { sessionInfo } from './debug/sessionInfo';
import { readGcTraceOrigin } from './commands/summarizeGcTrace';
import { GcTracePanel } from './webview/gctracePanel';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<GomemApi> {
  const c = (ctx = new Ctx(context));
  c.flamePanels = c.own(new FlamePanels(c));
  c.captureOutput = c.own(vscode.window.createOutputChannel('Go Memory Capture'));
  c.goSessions = c.own(new GoSessions());
  c.captures = c.own(new CapturesTree(context.globalStorageUri));
  c.own(registerCaptureOnStop(c, c.goSessions));
  c.gcTraces = c.own(new GcTraceCollector());
  c.own(createGcTraceStatus(c.gcTraces));
  c.monitor = c.own(new MonitorController(c));
  c.own(registerGoroutinePanelSerializer(c));
  c.own(GcTracePanel.registerSerializer(c, readGcTraceOrigin));
  c.own(registerTestLens());
  registerCommands(c);
  const decorations = c.own(new LineDecorations(c));
  c.own(createStatusBar(c));
  registerProfileEditor(c);
  registerFlameEditor(c, c.flamePanels);
  registerTraceEditor(c);
  registerEscapeAnalysis(c);
  // Enables the commands that need a profile (package.json "enablement").
  c.own(c.onDidChangeProfiles((s) => vscode.commands.executeCommand('setContext', 'gomem.profileLoaded', s.profiles.length > 0)));
  c.own(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        await stopClient(c);
        await startClient(c);
      } else if (VIEW_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        await decorations.refreshAll();
      }
    }),
  );
  await startClient(c);
  return {
    profiles: () => c.profiles,
    decorationsFor: (uri) => decorations.specFor(uri),
    onDidApplyDecorations: decorations.onDidApply,
    serverInfo: async () => c.client?.sendRequest(ServerInfoRequest, {}).catch(() => undefined),
    captures: () => [...(c.captures?.list ?? [])],
    goSessions: () => (c.goSessions?.list() ?? []).map(sessionInfo),
    gcTrace: (id) => {
      const s = c.gcTraces?.get(id);
      return s && { cycles: s.cycles, forced: s.forced, worstMs: s.worstMs };
    },
    monitor: () => c.monitor?.info(),
    goroutineComparison: latestGoroutineComparison,
  };
}

export async function deactivate(): Promise<void> {
  if (ctx) await stopClient(ctx);
  ctx = undefined;
}
