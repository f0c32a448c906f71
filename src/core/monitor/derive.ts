import { pauseOf, PAUSE_RING } from './memStats';
import type { MonitorPoint, MonitorSample } from './sample';

const NO_GOAL = 2 ** 53;

/**
 * A sample as a chart point. The allocation rate needs the previous sample;
 * a restarted target (TotalAlloc or NumGC going backwards) starts afresh
 * rather than showing a negative rate.
 */
export function derivePoint(s: MonitorSample, prev: MonitorSample | undefined): MonitorPoint {
  const st = s.stats;
  const restarted = prev !== undefined && (st.totalAlloc < prev.stats.totalAlloc || st.numGC < prev.stats.numGC);
  const before = restarted ? undefined : prev;
  const elapsedS = before ? (s.atMs - before.atMs) / 1000 : 0;
  const firstNew = before ? before.stats.numGC + 1 : Math.max(1, st.numGC - PAUSE_RING + 1);
  return {
    atMs: s.atMs,
    heapInuse: st.heapInuse,
    heapAlloc: st.heapAlloc,
    // With GOGC=off the goal is near 2^63 and means "never": no goal to draw.
    heapGoal: st.nextGC < NO_GOAL ? st.nextGC : 0,
    allocRate: before && elapsedS > 0 ? (st.totalAlloc - before.stats.totalAlloc) / elapsedS : undefined,
    numGC: st.numGC,
    gcSince: before ? st.numGC - before.stats.numGC : 0,
    latestPauseNs: pauseOf(st, st.numGC) ?? 0,
    worstPauseNs: before ? worstPause(s, firstNew, st.numGC) : 0,
    goroutines: s.goroutines,
  };
}

/** The longest pause of GCs from..to (inclusive), as far as the ring still holds them. */
function worstPause(s: MonitorSample, from: number, to: number): number {
  let worst = 0;
  for (let n = Math.max(from, to - PAUSE_RING + 1); n <= to; n++) worst = Math.max(worst, pauseOf(s.stats, n) ?? 0);
  return worst;
}
