/**
 * The runtime.MemStats fields the monitor uses, as both sources give them:
 * the `# runtime.MemStats` trailer of `heap?debug=1` and expvar's `memstats`.
 * Byte counts stay below 2^53 in any real program; LastGC (ns since the
 * epoch, past 2^53) is kept in milliseconds so it stays exact enough.
 */
export interface MemStats {
  readonly heapAlloc: number;
  readonly heapInuse: number;
  readonly heapSys: number;
  readonly heapObjects: number;
  readonly totalAlloc: number;
  readonly sys: number;
  readonly mallocs: number;
  readonly frees: number;
  /** The heap goal: the next GC starts when HeapAlloc reaches it. */
  readonly nextGC: number;
  /** Milliseconds since the epoch of the last GC's end; 0 before the first GC. */
  readonly lastGCMs: number;
  readonly numGC: number;
  readonly numForcedGC: number;
  readonly gcCPUFraction: number;
  /** The runtime's ring of the last 256 pauses: pause i is at [i % 256]. */
  readonly pauseNs: readonly number[];
}

/** How many pauses the runtime keeps (len(MemStats.PauseNs)). */
export const PAUSE_RING = 256;

/** The pause of GC number n (1-based as NumGC counts), when the ring still holds it. */
export function pauseOf(s: MemStats, n: number): number | undefined {
  if (n < 1 || n > s.numGC || s.numGC - n >= PAUSE_RING || s.pauseNs.length !== PAUSE_RING) return undefined;
  return s.pauseNs[(n + PAUSE_RING - 1) % PAUSE_RING];
}

/** The whole-number fields, by their Go names (as both the trailer and expvar spell them). */
const COUNTERS = {
  heapAlloc: 'HeapAlloc',
  heapInuse: 'HeapInuse',
  heapSys: 'HeapSys',
  heapObjects: 'HeapObjects',
  totalAlloc: 'TotalAlloc',
  sys: 'Sys',
  mallocs: 'Mallocs',
  frees: 'Frees',
  nextGC: 'NextGC',
  numGC: 'NumGC',
  numForcedGC: 'NumForcedGC',
} as const;

/**
 * MemStats from a source's reader of Go-named fields; both parsers use it,
 * so the two sources cannot map a field differently.
 */
export function memStatsFrom(counter: (goName: string) => number, rest: Pick<MemStats, 'lastGCMs' | 'gcCPUFraction' | 'pauseNs'>): MemStats {
  const out: Record<string, unknown> = { ...rest };
  for (const [key, goName] of Object.entries(COUNTERS)) out[key] = counter(goName);
  return out as unknown as MemStats;
}
