import type { GcTraceLog, GcTraceSummary } from './model';
import { summarizeGcTrace } from './summary';

/** `gomem gctrace --json`: one object per cycle with the fields the issue names, then the summary. */
export interface GcTraceJson {
  cycles: {
    n: number;
    atSec: number;
    /** [sweep termination, mark, mark termination] */
    clockMs: [number, number, number];
    /** [start, end, live] */
    heapMB: [number, number, number];
    goalMB: number;
    procs: number;
    forced: boolean;
  }[];
  summary: GcTraceSummary;
}

export function gcTraceJson(log: GcTraceLog): GcTraceJson {
  return {
    cycles: log.cycles.map((c) => ({ n: c.n, atSec: c.atSec, clockMs: c.clockMs, heapMB: c.heapMB, goalMB: c.goalMB, procs: c.procs, forced: c.forced })),
    summary: summarizeGcTrace(log),
  };
}
