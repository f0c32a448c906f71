import { derivePoint } from './derive';
import type { MonitorPoint, MonitorSample } from './sample';

/** Points kept for the chart: an hour at the default 5 s interval. */
export const MAX_POINTS = 720;

/**
 * Growth is measured against at least this much heap, so a small heap
 * doubling with ordinary garbage between two GCs (1 → 3 MB) is no warning.
 */
export const MIN_GROWTH_BASE = 8 * 1024 * 1024;

/** The monitor's history: derived points, oldest first, and window statistics over them. */
export class MonitorSeries {
  private readonly kept: MonitorPoint[] = [];
  private last: MonitorSample | undefined;

  add(sample: MonitorSample): MonitorPoint {
    const point = derivePoint(sample, this.last);
    this.last = sample;
    this.kept.push(point);
    if (this.kept.length > MAX_POINTS) this.kept.splice(0, this.kept.length - MAX_POINTS);
    return point;
  }

  get points(): readonly MonitorPoint[] {
    return this.kept;
  }

  get latest(): MonitorPoint | undefined {
    return this.kept[this.kept.length - 1];
  }

  /** Points no older than windowMs before the latest one. */
  window(windowMs: number): MonitorPoint[] {
    const end = this.latest?.atMs ?? 0;
    return this.kept.filter((p) => p.atMs >= end - windowMs);
  }

  /**
   * How much heap in use grew, in percent, from its lowest point in the
   * window to now (against at least MIN_GROWTH_BASE): a steady climb counts
   * in full, a sawtooth of garbage does not.
   */
  heapGrowthPercent(windowMs: number): number {
    const pts = this.window(windowMs);
    const now = pts[pts.length - 1];
    if (!now) return 0;
    const low = Math.max(MIN_GROWTH_BASE, Math.min(...pts.map((p) => p.heapInuse)));
    return ((now.heapInuse - low) / low) * 100;
  }

  /** The longest GC pause seen in the window. */
  worstPauseNs(windowMs: number): number {
    return Math.max(0, ...this.window(windowMs).map((p) => p.worstPauseNs));
  }
}
