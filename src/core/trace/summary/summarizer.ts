import { EV, EV_SYNC, type TraceVersion } from '../events';
import { TraceReader } from '../reader';
import type { TraceEvent } from '../traceEvent';
import { newTransition, readTransition } from '../transition';
import { BlockTracker } from './blockTracker';
import { GcTracker } from './gcTracker';
import { GoroutineTracker } from './goroutineTracker';
import type { GcCycle, StwPause, TraceSummary } from './model';
import { pauseDistribution } from './percentiles';
import { StackInterner } from './stackInterner';

export interface SummaryOptions {
  /** Rows kept in each ranked list (creation sites, alive groups, stacks per block reason). Default 20. */
  topN?: number;
}

/**
 * Builds a TraceSummary from the reader's events in one pass, holding only
 * per-goroutine state, per-stack totals and the heap series: nothing grows
 * with the number of events except the HeapAlloc/HeapGoal points, which are
 * kept exactly (a UI may thin them; the tests compare every one with Go's).
 */
export class TraceSummarizer {
  private readonly stacks = new StackInterner();
  private readonly blocks = new BlockTracker();
  private readonly gc = new GcTracker(() => this.syncTime);
  private goroutines: GoroutineTracker | undefined;
  private readonly transition = newTransition();
  private start = -1;
  private end = 0;
  private syncTime = 0;
  private readonly heapAlloc: number[] = [];
  private readonly heapGoal: number[] = [];
  private readonly procs: number[] = [];

  /** The reader's handler: `new TraceReader(s.event)`. */
  readonly event = (e: TraceEvent): void => {
    this.end = e.time;
    switch (e.type) {
      case EV_SYNC:
        if (this.start < 0) this.begin(e.time);
        this.syncTime = e.time;
        return;
      case EV.HeapAlloc:
        this.heapAlloc.push(e.time, e.args[0]);
        return;
      case EV.HeapGoal:
        this.heapGoal.push(e.time, e.args[0]);
        return;
      case EV.ProcsChange:
        this.procs.push(e.time, e.args[0]);
        return;
    }
    if (readTransition(e, this.transition)) {
      if (this.transition.resource === 'goroutine') this.goroutines!.transition(e, this.transition, this.syncTime);
    } else {
      this.gc.event(e);
    }
  };

  private begin(time: number): void {
    this.start = time;
    this.goroutines = new GoroutineTracker(time, this.stacks, this.blocks);
  }

  finish(version: TraceVersion, generations: number, opts: SummaryOptions = {}): TraceSummary {
    const topN = opts.topN ?? 20;
    const g = this.goroutines!;
    this.gc.finish(this.end);
    g.finish(this.end);
    const durationNs = this.end - this.start;
    const stwPauses = this.gc.pauses.map((p) => this.relPause(p));
    return {
      goVersion: `go1.${version}`,
      formatVersion: version,
      startNs: this.start,
      durationNs,
      generations,
      gomaxprocs: this.procs.length ? this.procs[this.procs.length - 1] : 0,
      gomaxprocsSeries: this.pairs(this.procs),
      gcCount: this.gc.gcCount,
      gcPerSecond: durationNs > 0 ? this.gc.gcCount / (durationNs / 1e9) : 0,
      gcs: this.gc.cycles.map((c) => this.relCycle(c)),
      stwPauses,
      pauses: pauseDistribution(stwPauses.map((p) => p.durationNs), durationNs),
      markAssist: { totalNs: this.gc.assistNs, count: this.gc.assistCount },
      heapAlloc: this.pairs(this.heapAlloc),
      heapGoal: this.pairs(this.heapGoal),
      goroutines: {
        series: g.series.points(this.end).map(([t, ...c]) => [t - this.start, c[0], c[1], c[2], c[3]]),
        maxAlive: g.maxAlive,
        created: g.created,
        createdBySite: g.createdBySite(topN),
        aliveAtEnd: g.alive,
        aliveAtEndBySite: g.aliveBySite(topN),
      },
      blockedNsByReason: this.blocks.byReason(),
      blocked: this.blocks.report(this.stacks, topN),
    };
  }

  /** [t, v, t, v, …] with absolute times → [[relative t, v], …]. */
  private pairs(flat: number[]): Array<[number, number]> {
    const out: Array<[number, number]> = new Array(flat.length / 2);
    for (let i = 0; i < flat.length; i += 2) out[i / 2] = [flat[i] - this.start, flat[i + 1]];
    return out;
  }

  private relPause(p: StwPause): StwPause {
    return { kind: p.kind, startNs: p.startNs - this.start, durationNs: p.durationNs };
  }

  private relCycle(c: GcCycle): GcCycle {
    return { ...c, startNs: c.startNs - this.start, stw: c.stw.map((p) => this.relPause(p)) };
  }
}

/** Summarizes a whole trace held in memory (tests, small files); streams use TraceReader + TraceSummarizer. */
export function summarizeTrace(bytes: Uint8Array, opts: SummaryOptions = {}): TraceSummary {
  const s = new TraceSummarizer();
  const r = new TraceReader(s.event);
  r.push(bytes);
  r.end();
  return s.finish(r.version!, r.stats.generations, opts);
}
