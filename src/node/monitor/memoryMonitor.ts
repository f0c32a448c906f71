import type { PprofEndpoint } from '../../core/capture/endpoint';
import { CaptureError } from '../../core/capture/errors';
import { DEFAULT_GONE_AFTER_REFUSALS, DEFAULT_MAX_DELAY_MS, FailureTracker } from '../../core/monitor/backoff';
import { MonitorError } from '../../core/monitor/errors';
import type { MemStats } from '../../core/monitor/memStats';
import type { MonitorPoint, MonitorSample } from '../../core/monitor/sample';
import { MonitorSeries } from '../../core/monitor/series';
import { ThresholdWatch, type Breach, type Thresholds } from '../../core/monitor/thresholds';
import type { CaptureLimits } from '../capture/limits';
import { readExpvarMemStats, readGoroutineCount, readHeapMemStats, type ReadOptions } from './readRuntimeStats';
import { captureSpike, type SpikeSnapshot } from './spikeSnapshot';

export interface MonitorOptions {
  /** The first poll interval and warning levels; `update` changes both while it runs. */
  readonly intervalMs: number;
  readonly thresholds: Thresholds;
  /** Where breach snapshots go; undefined turns automatic snapshots off. */
  readonly snapshotDir?: string;
  /** Limit of one poll request; default twice the interval, at least 5 s. */
  readonly requestTimeoutMs?: number;
  /** Limits of snapshot captures (the capture settings). */
  readonly captureLimits?: Partial<CaptureLimits>;
  /** While true no request is sent (a debuggee paused in the debugger answers nothing). */
  readonly isPaused?: () => boolean;
  readonly maxDelayMs?: number;
  readonly goneAfterRefusals?: number;
}

export interface MonitorEvents {
  onPoint?(point: MonitorPoint): void;
  /** Breaches of one poll, after their snapshot was taken (when snapshots are on). */
  onBreach?(breaches: Breach[], snapshot: SpikeSnapshot | undefined): void;
  /** A failed poll; the next try is in retryInMs. */
  onError?(err: Error, retryInMs: number): void;
  /** The monitor ended: stop() was called (gone=false) or the target went away (gone=true). */
  onStop?(reason: string, gone: boolean): void;
}

/**
 * Polls a Go program's runtime numbers while it runs. One request at a time:
 * the next poll is scheduled when the previous one has finished (answered,
 * failed or timed out), so a slow target delays polling instead of piling up
 * requests. Failures back off; refused connections in a row stop it.
 */
export class MemoryMonitor {
  readonly series = new MonitorSeries();
  readonly breaches: Breach[] = [];
  readonly snapshots: SpikeSnapshot[] = [];
  /** Polls begun (answered or not): what a paused debuggee must not see grow. */
  pollsStarted = 0;
  private readonly watch: ThresholdWatch;
  private readonly failures: FailureTracker;
  private readonly control = new AbortController();
  private source: 'heap' | 'expvar' | undefined;
  private ended: Promise<string> | undefined;
  private stopReason: string | undefined;
  private interval: number;

  constructor(
    readonly endpoint: PprofEndpoint,
    readonly options: MonitorOptions,
    private readonly events: MonitorEvents = {},
  ) {
    this.interval = options.intervalMs;
    this.watch = new ThresholdWatch(options.thresholds);
    this.failures = new FailureTracker({
      intervalMs: options.intervalMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
      goneAfterRefusals: options.goneAfterRefusals ?? DEFAULT_GONE_AFTER_REFUSALS,
    });
  }

  /** The poll interval now (see update). */
  get intervalMs(): number {
    return this.interval;
  }

  get thresholds(): Thresholds {
    return this.watch.thresholds;
  }

  /**
   * New settings while it runs: the next wait uses the new interval, the
   * next poll the new limits (a limit that changed re-arms its warning).
   */
  update(intervalMs: number, thresholds: Thresholds): void {
    this.interval = intervalMs;
    this.failures.setInterval(intervalMs);
    this.watch.setLimits(thresholds);
  }

  /** Starts polling; resolves with the reason it stopped. */
  start(): Promise<string> {
    this.ended ??= this.loop();
    return this.ended;
  }

  stop(reason = 'stopped'): void {
    this.stopReason ??= reason;
    this.control.abort();
  }

  get running(): boolean {
    return this.ended !== undefined && !this.control.signal.aborted;
  }

  /** Breaches still in force (not re-armed yet). */
  get active(): Breach[] {
    return this.watch.active;
  }

  /** Which endpoint gives the numbers, once the first poll has answered. */
  get statsSource(): 'heap' | 'expvar' | undefined {
    return this.source;
  }

  private async loop(): Promise<string> {
    let delay = 0;
    while (!this.control.signal.aborted) {
      await sleep(delay, this.control.signal);
      if (this.control.signal.aborted) break;
      if (this.options.isPaused?.()) {
        delay = this.interval;
        continue;
      }
      try {
        this.pollsStarted++;
        await this.pollOnce();
        this.failures.succeeded();
        delay = this.interval;
      } catch (err) {
        if (this.control.signal.aborted) break;
        const e = err instanceof Error ? err : new Error(String(err));
        // Never answered like Go's pprof: retrying would not make it one.
        if (this.series.points.length === 0 && notPprof(e)) return this.finish(`${this.endpoint.url} does not answer like a Go program serving net/http/pprof: ${e.message}`, true);
        const verdict = this.failures.failed(e instanceof CaptureError && e.code === 'refused', e.message);
        if (verdict.action === 'stop') return this.finish(verdict.reason, true);
        this.events.onError?.(e, verdict.delayMs);
        delay = verdict.delayMs;
      }
    }
    return this.finish(this.stopReason ?? 'stopped', false);
  }

  private finish(reason: string, gone: boolean): string {
    this.stopReason ??= reason;
    this.control.abort();
    this.events.onStop?.(this.stopReason, gone);
    return this.stopReason;
  }

  private async pollOnce(): Promise<void> {
    const stats = await this.readStats();
    const goroutines = await readGoroutineCount(this.endpoint.url, this.readOptions()).catch((err) => {
      if (err instanceof MonitorError) return undefined; // the count is optional; the stats are not
      throw err;
    });
    const sample: MonitorSample = { atMs: Date.now(), stats, goroutines, source: this.source ?? 'heap' };
    const point = this.series.add(sample);
    this.events.onPoint?.(point);
    const breaches = this.watch.evaluate(point, this.series);
    if (breaches.length === 0) return;
    this.breaches.push(...breaches);
    const snapshot = this.options.snapshotDir === undefined ? undefined : await this.snapshot(this.options.snapshotDir);
    this.events.onBreach?.(breaches, snapshot);
  }

  /** expvar when the target serves it (a few kB, no profile walk), else the heap profile's trailer. */
  private async readStats(): Promise<MemStats> {
    if (this.source === undefined) {
      try {
        const stats = await readExpvarMemStats(this.endpoint.url, this.readOptions());
        this.source = 'expvar';
        return stats;
      } catch (err) {
        if (!(err instanceof MonitorError || (err instanceof CaptureError && (err.code === 'http-status' || err.code === 'too-large')))) throw err;
        this.source = 'heap';
      }
    }
    return this.source === 'expvar' ? readExpvarMemStats(this.endpoint.url, this.readOptions()) : readHeapMemStats(this.endpoint.url, this.readOptions());
  }

  private async snapshot(outDir: string): Promise<SpikeSnapshot> {
    const s = await captureSpike(this.endpoint, this.snapshots.length + 1, outDir, this.options.captureLimits, this.control.signal);
    this.snapshots.push(s);
    return s;
  }

  private readOptions(): ReadOptions {
    const total = this.options.requestTimeoutMs ?? Math.max(5_000, 2 * this.interval);
    return { connectTimeoutMs: Math.min(total, 5_000), totalTimeoutMs: total, signal: this.control.signal };
  }
}

function notPprof(e: Error): boolean {
  return e instanceof MonitorError || (e instanceof CaptureError && (e.code === 'http-status' || e.code === 'too-large'));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
