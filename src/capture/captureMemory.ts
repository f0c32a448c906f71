import type * as vscode from 'vscode';

const RECENT_URLS = 'gomem.capture.recentUrls';
const MAX_RECENT = 8;

/**
 * What the capture commands remember per workspace (workspaceState): pprof
 * URLs used before, the last duration per kind, whether heap captures ran a
 * GC first. Plain data; survives reloads.
 */
export class CaptureMemory {
  constructor(private readonly state: vscode.Memento) {}

  recentUrls(): string[] {
    const v = this.state.get<unknown>(RECENT_URLS, []);
    return Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string') : [];
  }

  async rememberUrl(url: string): Promise<void> {
    await this.state.update(RECENT_URLS, [url, ...this.recentUrls().filter((u) => u !== url)].slice(0, MAX_RECENT));
  }

  async forgetUrl(url: string): Promise<void> {
    await this.state.update(RECENT_URLS, this.recentUrls().filter((u) => u !== url));
  }

  seconds(key: string, fallback: number): number {
    const v = this.state.get<unknown>(`gomem.capture.seconds.${key}`);
    return typeof v === 'number' && v > 0 ? v : fallback;
  }

  async setSeconds(key: string, seconds: number): Promise<void> {
    await this.state.update(`gomem.capture.seconds.${key}`, seconds);
  }

  heapGc(): boolean {
    return this.state.get<boolean>('gomem.capture.heapGc', false) === true;
  }

  async setHeapGc(gc: boolean): Promise<void> {
    await this.state.update('gomem.capture.heapGc', gc);
  }
}
