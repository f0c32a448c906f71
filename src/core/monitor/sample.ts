import type { MemStats } from './memStats';

/** One poll's raw numbers, stamped with when the answer arrived (ms since the epoch). */
export interface MonitorSample {
  readonly atMs: number;
  readonly stats: MemStats;
  /** From `goroutine?debug=1`; undefined when that read failed. */
  readonly goroutines?: number;
  /** Which endpoint gave the MemStats. */
  readonly source: 'heap' | 'expvar';
}

/** One point of the live chart and status bar: a sample plus what it says relative to the one before. */
export interface MonitorPoint {
  readonly atMs: number;
  readonly heapInuse: number;
  readonly heapAlloc: number;
  /** NextGC: where the next collection starts; 0 when GC is off. */
  readonly heapGoal: number;
  /** Bytes allocated per second since the previous sample (TotalAlloc delta / elapsed); undefined on the first. */
  readonly allocRate?: number;
  readonly numGC: number;
  /** Collections since the previous sample. */
  readonly gcSince: number;
  /** The most recent pause the runtime recorded (0 before the first GC). */
  readonly latestPauseNs: number;
  /** The longest pause among the collections since the previous sample (0 when none ran). */
  readonly worstPauseNs: number;
  readonly goroutines?: number;
}
