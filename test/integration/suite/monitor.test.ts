import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import { buildPprofServer, functionValue, startPprofServer, type PprofServer } from '../../support/fixtureServer';
import { goAvailable } from '../../support/goTools';
import { gomem, listed, MiB, skipOrFail, until, workspaceDir } from './captureSupport';
import { requestScreenshot } from './screenshot';
import { webviewAction, type ActionOutcome } from './webviewAction';

/**
 * The live memory monitor in a real VS Code, on a URL target: the
 * pprofserver fixture, driven to grow its heap. What the status-bar item
 * shows is read through gomem's API (`monitor()`), as drawn.
 */
/** Clicks selector in a webview once the page has drawn it; undefined where no runner serves actions. */
async function inWebview(name: string, selector: string): Promise<ActionOutcome | undefined> {
  let n = 0;
  return until(`${selector} in the chart panel`, async () => {
    const r = await webviewAction(`${name}-${n++}`, { selector });
    return r === undefined ? null : r.ok && r;
  }).then((r) => r ?? undefined);
}

describe('memory monitor', function () {
  this.timeout(120_000);
  let api: GomemApi;
  let server: PprofServer;
  const settings = () => vscode.workspace.getConfiguration('gomem');
  // Only the heap-growth warning: a loaded machine can pause the fixture's GC past the default 10 ms.
  const SET: Record<string, unknown> = { 'monitor.intervalSeconds': 0.5, 'monitor.heapGrowthPercent': 100, 'monitor.gcPauseMs': 0 };

  before(async function () {
    if (!goAvailable()) return skipOrFail(this, 'go not found');
    api = await gomem();
    server = await startPprofServer();
    for (const [k, v] of Object.entries(SET)) await settings().update(k, v, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('gomem.stopMemoryMonitor');
    server?.stop();
    for (const k of [...Object.keys(SET), 'monitor.goroutines']) await settings().update(k, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    while (api?.profiles().profiles.length) await vscode.commands.executeCommand('gomem.closeProfile');
  });

  it('Start Memory Monitor on a URL: the status-bar item appears with heap, rate, GCs, pause and goroutines', async () => {
    const label = await vscode.commands.executeCommand<string>('gomem.startMemoryMonitor', { target: server.pprofUrl });
    assert.equal(label, server.pprofUrl);
    const info = await until('two polls drawn in the status bar', () => {
      const m = api.monitor();
      return m?.statusBar.visible && m.points >= 2 && m;
    });
    assert.equal(info.running, true);
    assert.match(info.statusBar.text, /^\$\(pulse\) heap [\d.]+ MB · \+[\d.]+ (B|kB|MB)\/s · GC \d+ · [\d.]+ [µm]?s · \d+ goroutines$/);
    assert.match(info.statusBar.tooltip, new RegExp(`Memory monitor: ${server.pprofUrl.replace(/[.]/g, '\\.')}`));
    assert.equal(info.statusBar.warning, false);
    await requestScreenshot('monitor-status-bar');
  });

  it('a heap spike warns once, turns the item to warning colours and saves heap and goroutine snapshots', async () => {
    await server.control('/grow?mb=32');
    const info = await until('a breach with its snapshots', () => {
      const m = api.monitor();
      return m && m.snapshots.length >= 2 && m;
    });
    assert.deepEqual(info.breaches.map((b) => b.kind), ['heapGrowth']);
    assert.equal(info.statusBar.warning, true);
    assert.match(info.statusBar.tooltip, /⚠ heap in use grew \d+% within 60 s \(limit 100%\)/);
    const [heap, goroutine] = info.snapshots;
    assert.equal(path.dirname(heap), path.join(workspaceDir(), '.gomem'), 'snapshots go to the captures folder');
    assert.match(path.basename(goroutine), /^goroutine-spike1-127\.0\.0\.1_\d+-\d{8}-\d{6}\.pb\.gz$/);
    assert.ok(functionValue(heap, 'main.growHeap', 'inuse_space').flat >= 32 * MiB);
    await listed(api, heap);

    await vscode.commands.executeCommand('gomem.showMemoryMonitor');
    await until('the chart panel', () => api.monitor()?.panelOpen);
    const polls = api.monitor()!.points;
    await until('more polls', () => api.monitor()!.points >= polls + 3);
    assert.equal(api.monitor()!.breaches.length, 1, 'staying high does not warn again');
    // The runner clicks inside the webview: this times out unless the page drew the breach and a chart.
    await inWebview('monitor-breach', 'ol.breaches li');
    const chart = await inWebview('monitor-chart', 'canvas.chart');
    if (chart) assert.ok(chart.box!.width > 100, `chart ${JSON.stringify(chart.box)}`);
    await requestScreenshot('monitor-chart');
  });

  it('a warning level changed in the settings applies to the running monitor at once', async () => {
    assert.equal(api.monitor()!.running, true);
    await settings().update('monitor.goroutines', 5, vscode.ConfigurationTarget.Global); // the fixture runs ~49
    // Drawn once its snapshots are saved; the heap warning stays in force beside it.
    const info = await until('a goroutine warning against the new level, drawn', () => {
      const m = api.monitor();
      return m && /⚠ \d+ goroutines \(limit 5\)/.test(m.statusBar.tooltip) && m;
    });
    assert.equal(info.breaches.find((x) => x.kind === 'goroutines')!.limit, 5);
    assert.match(info.statusBar.tooltip, /⚠ heap in use grew/);
  });

  it('Stop Memory Monitor hides the item', async () => {
    await vscode.commands.executeCommand('gomem.stopMemoryMonitor');
    const info = await until('the item to go', () => {
      const m = api.monitor();
      return m && !m.statusBar.visible && !m.running && m;
    });
    assert.equal(info.stopped, 'stopped by the user');
  });
});

/**
 * The monitor on a Go debug session (the pprofserver fixture under Delve):
 * no requests while the debugger holds the program (a paused program
 * answers nothing), polling again once it runs, and the end of the session
 * ends the monitor.
 */
describe('memory monitor on a Go debug session (Delve)', function () {
  this.timeout(120_000);
  let api: GomemApi;
  let session: vscode.DebugSession | undefined;

  before(async function () {
    if (!process.env.GOMEM_TEST_DLV) return skipOrFail(this, 'no Delve (GOMEM_TEST_DLV unset: the runner installs it)');
    if (!goAvailable()) return skipOrFail(this, 'go not found');
    api = await gomem();
    await vscode.workspace.getConfiguration('gomem').update('monitor.intervalSeconds', 0.5, vscode.ConfigurationTarget.Global);
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.onDidStartDebugSession((s) => s.type === 'go' && (sub.dispose(), resolve(s)));
    });
    const program = await buildPprofServer();
    assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'go', name: 'pprofserver monitored', request: 'launch', mode: 'exec', program }));
    session = await started;
    await until('the debuggee\'s pprof endpoint', () => api.goSessions().find((s) => s.id === session!.id)?.pprofUrl);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('gomem').update('monitor.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    if (session) await vscode.debug.stopDebugging(session);
  });

  it('polls while the program runs, waits while it is paused, and stops when the session ends', async () => {
    const label = await vscode.commands.executeCommand<string>('gomem.startMemoryMonitor', { target: { sessionId: session!.id } });
    assert.equal(label, 'debug session "pprofserver monitored"');
    await until('two polls', () => (api.monitor()?.points ?? 0) >= 2);
    await vscode.commands.executeCommand('workbench.action.debug.pause');
    await until('the pause', () => api.goSessions().find((s) => s.id === session!.id)?.paused);
    // A poll sent just before the pause hangs until its 5 s timeout; were pauses ignored, the next would follow 1 s later.
    const started = api.monitor()!.pollsStarted;
    await new Promise((r) => setTimeout(r, 8_000));
    assert.equal(api.monitor()!.pollsStarted, started, 'no poll begun while paused');
    assert.equal(api.monitor()!.running, true);
    const whilePaused = api.monitor()!.points;
    await vscode.commands.executeCommand('workbench.action.debug.continue');
    await until('polls again after continue', () => api.monitor()!.points >= whilePaused + 2, 30_000);
    await vscode.debug.stopDebugging(session);
    session = undefined;
    const info = await until('the monitor to stop with the session', () => {
      const m = api.monitor();
      return m && !m.running && m;
    });
    assert.equal(info.stopped, 'the debug session "pprofserver monitored" ended');
    assert.equal(info.statusBar.visible, false);
  });
});
