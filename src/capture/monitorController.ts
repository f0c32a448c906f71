import * as vscode from 'vscode';
import { config } from '../config';
import { statusSpec } from '../core/monitor/statusText';
import type { Breach, Thresholds } from '../core/monitor/thresholds';
import type { Ctx } from '../ctx';
import { MonitorStatusBar } from '../editor/monitorStatusBar';
import { MemoryMonitor, type SpikeSnapshot } from '../node/monitor';
import type { MonitorInfo, MonitorView } from '../protocol/monitor';
import { MonitorPanel } from '../webview/monitorPanel';
import type { CaptureTarget } from './captureTarget';
import { ensureSnapshotFolder } from './monitorFolder';
import { openCapture } from './openCapture';

interface Watched {
  readonly target: CaptureTarget;
  readonly monitor: MemoryMonitor;
  readonly snapshots: string[];
  readonly sessionEnd?: vscode.Disposable;
  stopped?: string;
  /** Why the last poll failed, until one succeeds. */
  problem?: string;
}

/**
 * The memory monitor in the editor: one target at a time, its numbers in a
 * status-bar item, a warning per breach (with buttons that open the spike
 * snapshots), and the live chart on demand. A debug session's monitor waits
 * while the session is paused and stops when it ends.
 */
export class MonitorController implements vscode.Disposable {
  private watched: Watched | undefined;
  private readonly status = new MonitorStatusBar();
  private panel: MonitorPanel | undefined;
  private readonly settingsWatch: vscode.Disposable;

  constructor(private readonly ctx: Ctx) {
    this.settingsWatch = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('gomem.monitor') && this.settingsChanged());
  }

  /** Interval and warning levels apply to the running monitor at once, as a user changing them expects. */
  private settingsChanged(): void {
    const w = this.watched;
    if (!w || w.stopped) return;
    const s = config.monitor();
    w.monitor.update(s.intervalSeconds * 1000, s.thresholds);
    this.log(`settings changed: every ${s.intervalSeconds} s; ${describeThresholds(s.thresholds)}`);
    this.redraw();
    this.panel?.post({ type: 'init', view: this.view() });
  }

  /** Starts monitoring target (stopping any earlier monitor); resolves once its endpoint is known. */
  async start(target: CaptureTarget): Promise<void> {
    this.stop('another monitor started');
    const settings = config.monitor();
    const endpoint = await target.resolve(new AbortController().signal);
    const snapshotDir = settings.autoSnapshot ? await ensureSnapshotFolder(this.ctx.extension.globalStorageUri) : undefined;
    const session = target.session;
    const monitor = new MemoryMonitor(
      endpoint,
      { intervalMs: settings.intervalSeconds * 1000, thresholds: settings.thresholds, snapshotDir, captureLimits: config.captureLimits(), isPaused: session && (() => session.state.paused) },
      {
        onPoint: (point) => {
          w.problem = undefined;
          this.redraw();
          this.panel?.post({ type: 'point', point });
        },
        onBreach: (breaches, snapshot) => void this.breached(breaches, snapshot),
        onError: (err, retryMs) => {
          w.problem = err.message;
          this.redraw();
          this.log(`poll failed: ${err.message}; next try in ${(retryMs / 1000).toFixed(1)} s`);
        },
        onStop: (reason, gone) => this.ended(w, reason, gone),
      },
    );
    const w: Watched = {
      target,
      monitor,
      snapshots: [],
      sessionEnd: session?.onDidChange((c) => c === 'ended' && monitor.stop(`the debug session "${session.session.name}" ended`)),
    };
    this.watched = w;
    this.log(`monitoring ${endpoint.url} every ${settings.intervalSeconds} s`);
    void vscode.commands.executeCommand('setContext', 'gomem.monitorRunning', true);
    this.redraw();
    void monitor.start();
  }

  stop(reason = 'stopped'): void {
    this.watched?.monitor.stop(reason);
  }

  /** Shows (or reveals) the live chart. */
  show(): void {
    if (this.panel) return this.panel.panel.reveal(undefined, true);
    this.panel = new MonitorPanel(this.ctx, () => this.view(), () => (this.panel = undefined));
  }

  info(): MonitorInfo | undefined {
    const w = this.watched;
    if (!w) return undefined;
    const spec = this.status.spec;
    return {
      target: w.target.label,
      running: w.monitor.running,
      stopped: w.stopped,
      statusBar: { visible: spec !== undefined, text: spec?.text ?? '', tooltip: spec?.tooltip ?? '', warning: spec?.warning ?? false },
      points: w.monitor.series.points.length,
      pollsStarted: w.monitor.pollsStarted,
      breaches: [...w.monitor.breaches],
      snapshots: [...w.snapshots],
      panelOpen: this.panel !== undefined,
    };
  }

  private view(): MonitorView {
    const w = this.watched;
    const s = config.monitor();
    if (!w) return { target: 'no monitor running', intervalSeconds: s.intervalSeconds, windowSeconds: s.thresholds.windowSeconds, points: [], breaches: [], stopped: 'Start one with Go Memory: Start Memory Monitor' };
    return { target: w.target.label, intervalSeconds: w.monitor.intervalMs / 1000, windowSeconds: w.monitor.thresholds.windowSeconds, points: w.monitor.series.points, breaches: w.monitor.breaches, stopped: w.stopped };
  }

  private redraw(): void {
    const w = this.watched;
    if (!w || w.stopped) return;
    const series = w.monitor.series;
    const window = w.monitor.thresholds.windowSeconds;
    this.status.show(statusSpec(w.target.label, series.latest, series.worstPauseNs(window * 1000), w.monitor.active, window, w.problem));
  }

  private async breached(breaches: Breach[], snapshot: SpikeSnapshot | undefined): Promise<void> {
    const w = this.watched;
    if (!w) return;
    w.snapshots.push(...(snapshot?.files ?? []));
    this.redraw();
    this.panel?.post({ type: 'breach', breaches });
    if (snapshot?.files.length) await this.ctx.captures?.refresh();
    for (const b of breaches) {
      this.log(`WARNING ${b.message}${snapshot ? `; snapshots: ${[...snapshot.files, ...snapshot.errors].join(', ')}` : ''}`);
      void this.warn(b, snapshot);
    }
  }

  /** One notification per breach; its buttons open the snapshots taken at that moment. */
  private async warn(b: Breach, snapshot: SpikeSnapshot | undefined): Promise<void> {
    const files = snapshot?.files ?? [];
    const saved = files.length ? ' Heap and goroutine profiles of this moment were saved.' : snapshot ? ` The snapshot failed: ${snapshot.errors.join('; ')}` : '';
    const buttons = files.map((f) => (/(^|[\\/])goroutine-spike/.test(f) ? 'Open Goroutine Snapshot' : 'Open Heap Snapshot'));
    const pick = await vscode.window.showWarningMessage(`gomem: ${b.message} (${this.watched?.target.label}).${saved}`, ...buttons, 'Show Monitor');
    if (pick === 'Show Monitor') this.show();
    else if (pick) await openCapture(this.ctx, files[buttons.indexOf(pick)]);
  }

  private ended(w: Watched, reason: string, gone: boolean): void {
    w.stopped = reason;
    w.sessionEnd?.dispose();
    this.log(`stopped: ${reason}`);
    if (this.watched !== w) return;
    this.status.hide();
    this.panel?.post({ type: 'stopped', reason });
    void vscode.commands.executeCommand('setContext', 'gomem.monitorRunning', false);
    if (gone) void vscode.window.showWarningMessage(`gomem: the memory monitor of ${w.target.label} stopped: ${reason}`);
  }

  private log(text: string): void {
    this.ctx.captureOutput?.appendLine(`${new Date().toLocaleTimeString()} [monitor] ${text}`);
  }

  dispose(): void {
    this.settingsWatch.dispose();
    this.stop('gomem was deactivated');
    this.panel?.dispose();
    this.status.dispose();
  }
}

/** For the log: the levels in force, 0 being off. */
function describeThresholds(t: Thresholds): string {
  const level = (v: number, unit: string) => (v > 0 ? `${v}${unit}` : 'off');
  return `heap growth ${level(t.heapGrowthPercent, '%')} within ${t.windowSeconds} s, GC pause ${level(t.gcPauseMs, ' ms')}, goroutines ${level(t.goroutines, '')}`;
}
