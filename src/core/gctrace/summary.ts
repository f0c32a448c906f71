import { percentile } from '../trace/summary/percentiles';
import type { GcCycle, GcPauses, GcTraceLog, GcTraceSummary } from './model';

/** Totals, pause percentiles and heap extremes of a parsed log. */
export function summarizeGcTrace(log: GcTraceLog): GcTraceSummary {
  const c = log.cycles;
  const last = c[c.length - 1];
  const max = (f: (x: GcCycle) => number) => c.reduce((m, x) => Math.max(m, f(x)), 0);
  return {
    cycles: c.length,
    forced: c.filter((x) => x.forced).length,
    firstAtSec: c[0]?.atSec ?? 0,
    lastAtSec: last?.atSec ?? 0,
    pauses: stwPauses(c),
    heap: {
      maxStartMB: max((x) => x.heapMB[0]),
      maxEndMB: max((x) => x.heapMB[1]),
      maxLiveMB: max((x) => x.heapMB[2]),
      lastLiveMB: last?.heapMB[2] ?? 0,
      maxGoalMB: max((x) => x.goalMB),
      lastGoalMB: last?.goalMB ?? 0,
    },
    // P% is cumulative since program start, so the last line's value covers the whole run.
    gcCpuPercent: last?.cpuPercent ?? 0,
    missingCycles: missingCycles(c),
    malformedLines: log.malformed.length,
    otherLines: log.otherLines,
  };
}

/** The longer of a cycle's two stop-the-world phases. */
export function worstPauseMs(c: GcCycle): number {
  return Math.max(c.clockMs[0], c.clockMs[2]);
}

/** Sweep termination and mark termination of every cycle, as separate pauses. */
function stwPauses(cycles: GcCycle[]): GcPauses {
  // A typed array sorts numerically without a comparator call per pair.
  const sorted = new Float64Array(cycles.length * 2);
  cycles.forEach((c, i) => {
    sorted[2 * i] = c.clockMs[0];
    sorted[2 * i + 1] = c.clockMs[2];
  });
  const all = Array.from(sorted.sort());
  const worst = cycles.reduce<GcCycle | undefined>((w, c) => (!w || worstPauseMs(c) > worstPauseMs(w) ? c : w), undefined);
  return {
    count: all.length,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    maxMs: all.length ? all[all.length - 1] : 0,
    totalMs: roundMs(all.reduce((a, b) => a + b, 0)),
    maxCycle: worst?.n,
  };
}

/** Sums of printed decimals drift (0.1 + 0.2); the printed values have at most 3 decimals. */
function roundMs(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Gaps in the numbering: cycles the log does not hold (a window of a longer run, lost lines). */
function missingCycles(cycles: GcCycle[]): number {
  let missing = 0;
  for (let i = 1; i < cycles.length; i++) {
    const gap = cycles[i].n - cycles[i - 1].n - 1;
    if (gap > 0) missing += gap;
  }
  return missing;
}
