import { TraceFormatError } from './errors';
import { EV, eventName, type TraceVersion } from './events';
import { advanceGC, advanceGoRangeActive, advanceGoRangeBegin, advanceGoRangeEnd, advanceSweep } from './orderGC';
import * as G from './orderGoroutines';
import { advanceProcStart, advanceProcStatus, advanceProcSteal, advanceProcStop } from './orderProcs';
import { advanceTaskBegin, advanceTaskEnd, advanceRegionBegin, advanceRegionEnd } from './orderTasks';
import { newRawEvent, type RawEvent } from './rawEvent';
import { GC_UNDETERMINED, MAY, MUST, MUST_NOT, NONE, type GState, type MState, type PState } from './schedState';
import type { GenerationTables } from './tables';

/** Receives each event the moment the ordering accepts it, with the context it happened in. */
export type Emit = (ev: RawEvent, g: number, p: number, m: number) => void;

/**
 * The partial order of internal/trace's order.go: an event from an M's batch
 * may only be emitted once the goroutine, proc and GC sequence numbers it
 * names say it is next, and the scheduler state it implies is consistent.
 * This both orders events across Ms (timestamps alone can be wrong) and
 * validates the trace: an impossible transition is a TraceFormatError.
 *
 * Each handler returns whether the event advanced; while it runs, `cur` is
 * the context before the event (what gets emitted with it) and `next` the
 * thread's context afterwards.
 */
export class Ordering {
  readonly gStates = new Map<number, GState>();
  readonly pStates = new Map<number, PState>();
  readonly mStates = new Map<number, MState>();
  readonly activeTasks = new Map<number, { parentId: number }>();
  gcSeq = 0;
  gcState = GC_UNDETERMINED;
  initialGen = 0;

  readonly cur = { g: NONE, p: NONE, m: NONE };
  readonly next = { g: NONE, p: NONE, m: NONE };
  gen = 0;
  tables!: GenerationTables;
  ev!: RawEvent;
  private lastM = NONE;
  private lastMs: MState | undefined;
  /** For events the ordering makes up (the halves of a GoSwitch, a self-steal). */
  readonly scratch = newRawEvent();

  constructor(
    readonly version: TraceVersion,
    private readonly emitFn: Emit,
  ) {}

  advance(ev: RawEvent, tables: GenerationTables, m: number, gen: number): boolean {
    if (this.initialGen === 0) this.initialGen = gen;
    this.ev = ev;
    this.tables = tables;
    this.gen = gen;
    const cur = this.cur;
    cur.m = m;
    let ms: MState | undefined;
    if (m === NONE) {
      cur.p = NONE;
      cur.g = NONE;
    } else {
      // Consecutive events mostly come from the same M: skip the map then.
      ms = m === this.lastM ? this.lastMs : this.mStates.get(m);
      if (!ms) this.mStates.set(m, (ms = { g: NONE, p: NONE }));
      this.lastM = m;
      this.lastMs = ms;
      cur.p = ms.p;
      cur.g = ms.g;
    }
    this.next.g = cur.g;
    this.next.p = cur.p;
    this.next.m = cur.m;
    const ok = dispatch(this, ev);
    if (ok && ms) {
      ms.p = this.next.p;
      ms.g = this.next.g;
    }
    return ok;
  }

  /** Emits the event being advanced in the current context. */
  push(ev: RawEvent = this.ev): true {
    this.emitFn(ev, this.cur.g, this.cur.p, this.cur.m);
    return true;
  }

  emitWith(ev: RawEvent, g: number, p: number, m: number): void {
    this.emitFn(ev, g, p, m);
  }

  /** Go's validateCtx on the current context. */
  require(m: number, p: number, g: number): void {
    check(this, this.cur.m, m, 'thread');
    check(this, this.cur.p, p, 'proc');
    check(this, this.cur.g, g, 'goroutine');
  }

  fail(what: string): TraceFormatError {
    return new TraceFormatError(
      `${eventName(this.ev.type)} at ${this.ev.time} ns: ${what}`,
      `generation ${this.gen}, M ${this.cur.m}`,
    );
  }
}

function check(o: Ordering, have: number, req: number, what: string): void {
  if (req === MUST && have === NONE) throw o.fail(`expected a ${what} but had none`);
  if (req === MUST_NOT && have !== NONE) throw o.fail(`expected no ${what} but had ${what} ${have}`);
}

function dispatch(o: Ordering, ev: RawEvent): boolean {
  switch (ev.type) {
    case EV.ProcStart: return advanceProcStart(o, ev);
    case EV.ProcStop: return advanceProcStop(o, ev);
    case EV.ProcSteal: return advanceProcSteal(o, ev);
    case EV.ProcStatus: return advanceProcStatus(o, ev);
    case EV.GoCreate: case EV.GoCreateBlocked: return G.advanceGoCreate(o, ev);
    case EV.GoCreateSyscall: return G.advanceGoCreateSyscall(o, ev);
    case EV.GoStart: return G.advanceGoStart(o, ev);
    case EV.GoDestroy: case EV.GoStop: case EV.GoBlock: return G.advanceGoStopExec(o, ev);
    case EV.GoDestroySyscall: return G.advanceGoDestroySyscall(o, ev);
    case EV.GoUnblock: return G.advanceGoUnblock(o, ev);
    case EV.GoSyscallBegin: return G.advanceGoSyscallBegin(o, ev);
    case EV.GoSyscallEnd: return G.advanceGoSyscallEnd(o, ev);
    case EV.GoSyscallEndBlocked: return G.advanceGoSyscallEndBlocked(o, ev);
    case EV.GoStatus: case EV.GoStatusStack: return G.advanceGoStatus(o, ev);
    case EV.GoSwitch: case EV.GoSwitchDestroy: return G.advanceGoSwitch(o, ev);
    case EV.STWBegin: case EV.GCMarkAssistBegin: return advanceGoRangeBegin(o, ev);
    case EV.STWEnd: case EV.GCMarkAssistEnd: return advanceGoRangeEnd(o, ev);
    case EV.GCMarkAssistActive: return advanceGoRangeActive(o, ev);
    case EV.GCActive: case EV.GCBegin: case EV.GCEnd: return advanceGC(o, ev);
    case EV.GCSweepBegin: case EV.GCSweepActive: case EV.GCSweepEnd: return advanceSweep(o, ev);
    case EV.HeapAlloc: case EV.HeapGoal:
      o.require(MUST, MUST, MAY);
      return o.push();
    case EV.ProcsChange: case EV.GoLabel: case EV.UserLog:
      o.require(MUST, MUST, MUST);
      return o.push();
    case EV.UserTaskBegin: return advanceTaskBegin(o, ev);
    case EV.UserTaskEnd: return advanceTaskEnd(o, ev);
    case EV.UserRegionBegin: return advanceRegionBegin(o, ev);
    case EV.UserRegionEnd: return advanceRegionEnd(o, ev);
    default:
      if (ev.type >= EV.Span && ev.type <= EV.GoroutineStackFree) {
        o.require(MUST, MAY, MAY);
        return o.push();
      }
      throw o.fail('event type the ordering does not know');
  }
}
