import type { MonitorPoint } from './sample';
import type { MonitorSeries } from './series';

/** Warning levels; 0 turns one off. */
export interface Thresholds {
  /** Heap in use grew by this many percent within windowSeconds. */
  readonly heapGrowthPercent: number;
  readonly windowSeconds: number;
  /** A single GC pause longer than this. */
  readonly gcPauseMs: number;
  /** More goroutines than this. */
  readonly goroutines: number;
}

export type BreachKind = 'heapGrowth' | 'gcPause' | 'goroutines';

export interface Breach {
  readonly kind: BreachKind;
  readonly atMs: number;
  readonly value: number;
  readonly limit: number;
  /** For people: `heap in use grew 160% in 60 s (limit 50%)`. */
  readonly message: string;
}

/**
 * A threshold re-arms only once its value is back under this share of the
 * limit, so a value hovering at the limit does not warn on every poll.
 */
export const REARM_FRACTION = 0.8;

/**
 * Threshold checks with hysteresis: each kind fires once when its value
 * reaches the limit, then stays quiet until the value falls back below
 * REARM_FRACTION of it. One breach, one warning.
 */
export class ThresholdWatch {
  private readonly fired = new Map<BreachKind, Breach>();

  constructor(private limits: Thresholds) {}

  get thresholds(): Thresholds {
    return this.limits;
  }

  /**
   * New limits for the next polls (the user changed a setting). A kind whose
   * limit (or, for heap growth, window) changed is re-armed: its warning
   * was about the old limit, and the new one deserves its own.
   */
  setLimits(limits: Thresholds): void {
    const old = this.limits;
    this.limits = limits;
    if (old.heapGrowthPercent !== limits.heapGrowthPercent || old.windowSeconds !== limits.windowSeconds) this.fired.delete('heapGrowth');
    if (old.gcPauseMs !== limits.gcPauseMs) this.fired.delete('gcPause');
    if (old.goroutines !== limits.goroutines) this.fired.delete('goroutines');
  }

  /** Breaches that fired and have not re-armed yet: the status bar stays in warning colours meanwhile. */
  get active(): Breach[] {
    return [...this.fired.values()];
  }

  evaluate(point: MonitorPoint, series: MonitorSeries): Breach[] {
    const t = this.limits;
    const checks: Array<[BreachKind, number, number, (v: number) => string]> = [
      [ 'heapGrowth', series.heapGrowthPercent(t.windowSeconds * 1000), t.heapGrowthPercent, (v) => `heap in use grew ${v.toFixed(0)}% within ${t.windowSeconds} s (limit ${t.heapGrowthPercent}%)` ],
      [ 'gcPause', point.worstPauseNs / 1e6, t.gcPauseMs, (v) => `a GC pause took ${v.toFixed(2)} ms (limit ${t.gcPauseMs} ms)` ],
      [ 'goroutines', point.goroutines ?? 0, t.goroutines, (v) => `${v} goroutines (limit ${t.goroutines})` ],
    ];
    const out: Breach[] = [];
    for (const [kind, value, limit, describe] of checks) {
      if (!(limit > 0)) continue;
      if (this.fired.has(kind)) {
        if (value < limit * REARM_FRACTION) this.fired.delete(kind);
      } else if (value >= limit) {
        const breach = { kind, atMs: point.atMs, value, limit, message: describe(value) };
        this.fired.set(kind, breach);
        out.push(breach);
      }
    }
    return out;
  }
}

/** The defaults of the settings and of `gomem watch`. */
export const DEFAULT_THRESHOLDS: Thresholds = { heapGrowthPercent: 50, windowSeconds: 60, gcPauseMs: 10, goroutines: 10_000 };
export const DEFAULT_INTERVAL_SECONDS = 5;
