/**
 * The trace summary: what a trace says about GC, pauses, heap and goroutines,
 * shaped for a webview and for `gomem trace --json`. Plain data (numbers,
 * strings, arrays): it crosses the language-server protocol as JSON.
 *
 * Times (`…Ns` fields, first element of series points) are nanoseconds since
 * the trace began (its first event); `startNs` is that beginning on the
 * trace clock, the clock `go tool trace` prints, so `startNs + t` is Go's
 * Time. Durations are exact differences of Go's event times.
 */
export interface TraceSummary {
  /** "go1.NN" from the header: 1.22, 1.23 (also written by 1.24), 1.25, 1.26. */
  goVersion: string;
  formatVersion: number;
  startNs: number;
  durationNs: number;
  generations: number;
  /** GOMAXPROCS at the end of the trace, and each change [timeNs, procs]. */
  gomaxprocs: number;
  gomaxprocsSeries: Array<[number, number]>;

  /** GC cycles that began during the trace. */
  gcCount: number;
  gcPerSecond: number;
  gcs: GcCycle[];
  /** Every completed stop-the-world pause, in order. */
  stwPauses: StwPause[];
  pauses: PauseDistribution;
  markAssist: { totalNs: number; count: number };

  /** Every HeapAlloc (bytes of live heap objects) and HeapGoal event, [timeNs, bytes]. */
  heapAlloc: Array<[number, number]>;
  heapGoal: Array<[number, number]>;

  goroutines: GoroutineSummary;
  /** Time goroutines spent waiting, by the runtime's reason string, plus "syscall". */
  blockedNsByReason: Record<string, number>;
  blocked: BlockReason[];
}

export interface StwPause {
  /** The runtime's kind string: "GC mark termination", "GC sweep termination", "start trace", … */
  kind: string;
  startNs: number;
  durationNs: number;
}

export interface GcCycle {
  /** Begin of the concurrent mark phase (the trace start when it was already running). */
  startNs: number;
  /** Until the mark phase ended; null when it had not by the end of the trace. */
  durationNs: number | null;
  startedBeforeTrace: boolean;
  /** The pauses that began while this cycle ran (sweep and mark termination). */
  stw: StwPause[];
}

/** Nearest-rank percentiles of STW pause durations; share = total / trace duration. */
export interface PauseDistribution {
  count: number;
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
  maxNs: number;
  totalNs: number;
  share: number;
}

export interface Frame {
  func: string;
  file: string;
  line: number;
}

export interface GoroutineSummary {
  /** Goroutines in each state over time: [timeNs, running, runnable, waiting, syscall], sampled. */
  series: Array<[number, number, number, number, number]>;
  maxAlive: number;
  created: number;
  /**
   * Goroutines created during the trace by `go` statement (the innermost
   * frame of the creator's stack), most first; `stack` is the first full
   * creator stack seen at that statement.
   */
  createdBySite: GoroutineSite[];
  aliveAtEnd: number;
  /** Goroutines still alive when the trace ended, by full creation stack (by entry function for those that predate the trace), most first. */
  aliveAtEndBySite: AliveGroup[];
}

export interface GoroutineSite {
  count: number;
  /** The new goroutines' entry function. */
  entry: string;
  /** Creator's stack, leaf (the `go` statement) first. */
  stack: Frame[];
}

export interface AliveGroup extends GoroutineSite {
  /** False for goroutines that already existed when tracing started (no creation stack). */
  createdInTrace: boolean;
  /** How many are in each state at the end; waiting ones by their reason. */
  states: Record<string, number>;
}

export interface BlockReason {
  reason: string;
  totalNs: number;
  /** Waits (or syscalls) that ended or were still open at the end. */
  count: number;
  topStacks: Array<{ ns: number; count: number; stack: Frame[] }>;
}
