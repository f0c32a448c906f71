import * as vscode from 'vscode';
import type { MonitorStatusSpec } from '../core/monitor/statusText';

/**
 * The memory monitor's status-bar item: draws a MonitorStatusSpec (pure,
 * src/core/monitor/statusText.ts), in the theme's warning colours while a
 * breach is in force. Click shows the live chart.
 */
export class MonitorStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gomem.monitor', vscode.StatusBarAlignment.Left, 49);
  private drawn: MonitorStatusSpec | undefined;

  constructor() {
    this.item.name = 'Go Memory monitor';
    this.item.command = 'gomem.showMemoryMonitor';
  }

  show(spec: MonitorStatusSpec): void {
    this.drawn = spec;
    this.item.text = spec.text;
    this.item.tooltip = spec.tooltip;
    this.item.backgroundColor = spec.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.color = spec.warning ? new vscode.ThemeColor('statusBarItem.warningForeground') : undefined;
    this.item.show();
  }

  hide(): void {
    this.drawn = undefined;
    this.item.hide();
  }

  /** What is on screen now (for gomem's API), or undefined while hidden. */
  get spec(): MonitorStatusSpec | undefined {
    return this.drawn;
  }

  dispose(): void {
    this.item.dispose();
  }
}
