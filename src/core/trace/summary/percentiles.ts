import type { PauseDistribution } from './model';

/** Nearest-rank percentile of ascending values: the smallest value with at least p% at or below it. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function pauseDistribution(durations: number[], traceNs: number): PauseDistribution {
  const sorted = [...durations].sort((a, b) => a - b);
  const totalNs = sorted.reduce((s, d) => s + d, 0);
  return {
    count: sorted.length,
    p50Ns: percentile(sorted, 50),
    p90Ns: percentile(sorted, 90),
    p99Ns: percentile(sorted, 99),
    maxNs: sorted.length ? sorted[sorted.length - 1] : 0,
    totalNs,
    share: traceNs > 0 ? totalNs / traceNs : 0,
  };
}
