import { EV } from '../events';
import type { TraceEvent } from '../traceEvent';
import type { GcCycle, StwPause } from './model';

interface OpenStw {
  kind: string;
  start: number;
  gc: GcCycle | undefined;
}

/**
 * GC cycles, stop-the-world pauses and mark assists, from the range events
 * as internal/trace reports them: the concurrent mark phase (GCBegin/GCEnd,
 * GCActive when already running at a generation start), STW ranges per
 * goroutine with their kind string, mark assists per goroutine. Times are
 * absolute here; the summarizer makes them relative.
 */
export class GcTracker {
  readonly cycles: GcCycle[] = [];
  readonly pauses: StwPause[] = [];
  gcCount = 0;
  assistNs = 0;
  assistCount = 0;
  private current: GcCycle | undefined;
  private readonly openStw = new Map<number, OpenStw>();
  private readonly openAssist = new Map<number, number>();

  constructor(private readonly syncTime: () => number) {}

  event(e: TraceEvent): void {
    switch (e.type) {
      case EV.GCBegin:
        this.gcCount++;
        this.begin(e.time, false);
        break;
      case EV.GCActive:
        // Running since before this generation: new only if the trace began inside it.
        if (!this.current) this.begin(this.syncTime(), true);
        break;
      case EV.GCEnd:
        if (this.current) this.current.durationNs = e.time - this.current.startNs;
        this.current = undefined;
        break;
      case EV.STWBegin:
        this.openStw.set(e.g, { kind: e.str(0), start: e.time, gc: this.current });
        break;
      case EV.STWEnd:
        this.endStw(e);
        break;
      case EV.GCMarkAssistBegin:
        this.openAssist.set(e.g, e.time);
        break;
      case EV.GCMarkAssistActive:
        if (!this.openAssist.has(e.args[0])) this.openAssist.set(e.args[0], this.syncTime());
        break;
      case EV.GCMarkAssistEnd:
        this.endAssist(e.g, e.time);
        break;
    }
  }

  private begin(start: number, before: boolean): void {
    this.current = { startNs: start, durationNs: null, startedBeforeTrace: before, stw: [] };
    this.cycles.push(this.current);
  }

  private endStw(e: TraceEvent): void {
    const open = this.openStw.get(e.g);
    if (!open) return;
    this.openStw.delete(e.g);
    const pause = { kind: open.kind, startNs: open.start, durationNs: e.time - open.start };
    this.pauses.push(pause);
    open.gc?.stw.push(pause);
  }

  private endAssist(g: number, time: number): void {
    const start = this.openAssist.get(g);
    if (start === undefined) return;
    this.openAssist.delete(g);
    this.assistNs += time - start;
    this.assistCount++;
  }

  /** Closes mark assists still running when the trace ended (open pauses are left out). */
  finish(end: number): void {
    for (const g of [...this.openAssist.keys()]) this.endAssist(g, end);
  }
}
