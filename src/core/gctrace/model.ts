/**
 * One garbage collection as `GODEBUG=gctrace=1` prints it (runtime/mgc.go,
 * gcMarkTermination). Times are milliseconds as printed: the runtime prints
 * values of 10 ms and more as whole milliseconds and smaller ones with two
 * significant digits (fmtNSAsMS), so 12.7 ms reads 12 and 0.0123 ms reads
 * 0.012. Sizes are MB as printed (bytes >> 20, rounded down).
 */
export interface GcCycle {
  /** The GC number (memstats.numgc). */
  n: number;
  /** Seconds since program start when the cycle began (millisecond precision). */
  atSec: number;
  /** Share of CPU spent in GC since program start, as of this cycle (the P%). */
  cpuPercent: number;
  /** Wall clock of the phases: [sweep termination (STW), concurrent mark, mark termination (STW)]. */
  clockMs: [number, number, number];
  /** CPU time as printed: sweep termination, mark assist / background / idle, mark termination. */
  cpuMs: number[];
  /** Heap at GC start, at GC end, and live (marked) heap. */
  heapMB: [number, number, number];
  goalMB: number;
  /** Scannable stacks and globals; absent before Go 1.19. */
  stacksMB?: number;
  globalsMB?: number;
  /** GOMAXPROCS during the cycle. */
  procs: number;
  /** runtime.GC() asked for it: the line ends in "(forced)". */
  forced: boolean;
  /** 0-based line in the text it was read from. */
  line: number;
}

/** A line that starts like a gctrace line ("gc N @") but does not parse; kept so nothing is lost silently. */
export interface MalformedLine {
  line: number;
  text: string;
}

export interface GcTraceLog {
  cycles: GcCycle[];
  malformed: MalformedLine[];
  /** Non-blank lines that are not gctrace lines at all (program output interleaved with the trace). */
  otherLines: number;
}

/** Nearest-rank percentiles of the stop-the-world phases (two per cycle). */
export interface GcPauses {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  totalMs: number;
  /** The cycle with the longest pause, or undefined without cycles. */
  maxCycle?: number;
}

export interface GcTraceSummary {
  cycles: number;
  forced: number;
  /** First and last cycle's start, seconds since program start. */
  firstAtSec: number;
  lastAtSec: number;
  pauses: GcPauses;
  heap: {
    maxStartMB: number;
    maxEndMB: number;
    maxLiveMB: number;
    lastLiveMB: number;
    maxGoalMB: number;
    lastGoalMB: number;
  };
  /** GC's share of CPU since program start, as of the last cycle (its P%). */
  gcCpuPercent: number;
  /** Cycle numbers missing between the first and the last (a log that lost lines). */
  missingCycles: number;
  malformedLines: number;
  otherLines: number;
}
