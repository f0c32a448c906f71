import { TraceFormatError } from './errors';
import { SPECS, eventName } from './events';

/**
 * Scheduler state the ordering emulates (internal/trace order.go): what each
 * goroutine, proc and thread is doing, with the per-generation sequence
 * numbers that say which event may come next.
 */

/** Wire goroutine statuses (tracev2.GoStatus). */
export const GoStatus = { Bad: 0, Runnable: 1, Running: 2, Syscall: 3, Waiting: 4 } as const;
/** Wire proc statuses (tracev2.ProcStatus). */
export const ProcStatus = { Bad: 0, Running: 1, Idle: 2, Syscall: 3, SyscallAbandoned: 4 } as const;
/** Goroutine states as the reader reports them (trace.GoState). */
export const GoState = { Undetermined: 0, NotExist: 1, Runnable: 2, Running: 3, Waiting: 4, Syscall: 5 } as const;
/** Proc states as the reader reports them (trace.ProcState). */
export const ProcState = { Undetermined: 0, NotExist: 1, Running: 2, Idle: 3 } as const;

export const GO_STATE_NAMES = ['Undetermined', 'NotExist', 'Runnable', 'Running', 'Waiting', 'Syscall'];
export const PROC_STATE_NAMES = ['Undetermined', 'NotExist', 'Running', 'Idle'];

/** Index = wire status; 0 (Bad) maps to Undetermined, as Go's zero value does. */
export const GO_STATUS_TO_STATE = [GoState.Undetermined, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting];
export const PROC_STATUS_TO_STATE = [ProcState.Undetermined, ProcState.Running, ProcState.Idle, ProcState.Running, ProcState.Idle];

/** Go's NoGoroutine, NoProc, NoThread. */
export const NONE = -1;

/** Requirement on a slot of an event's context (Go's constraint). */
export const MUST_NOT = 0;
export const MAY = 1;
export const MUST = 2;

/** The GC as the ordering tracks it. */
export const GC_UNDETERMINED = 0;
export const GC_NOT_RUNNING = 1;
export const GC_RUNNING = 2;

/** A range in flight on a goroutine or proc: its begin event type and, for STW, the kind string id. */
export interface RangeType {
  typ: number;
  desc: number;
}

export interface GState {
  id: number;
  status: number;
  seqGen: number;
  seq: number;
  regions: Array<{ taskId: number; name: string }>;
  inFlight: RangeType[];
}

export interface PState {
  id: number;
  status: number;
  seqGen: number;
  seq: number;
  inFlight: RangeType[];
}

export interface MState {
  g: number;
  p: number;
}

export function newGState(id: number, status: number, gen: number): GState {
  return { id, status, seqGen: gen, seq: 0, regions: [], inFlight: [] };
}

/** True when (gen, seq) is the immediate successor of the resource's counter. */
export function succeeds(s: { seqGen: number; seq: number }, gen: number, seq: number): boolean {
  return gen === s.seqGen && seq === s.seq + 1;
}

interface Sequenced {
  status: number;
  seqGen: number;
  seq: number;
}

/** Moves a resource's counter to (gen, seq), as its event advances. */
export function setSeq(s: Sequenced, gen: number, seq: number): void {
  s.seqGen = gen;
  s.seq = seq;
}

/**
 * The state of resource `id` when an event that needs it in `status` at
 * sequence (gen, seq) can happen now; undefined when it has to wait (the
 * resource is not known yet, or other events must come first).
 */
export function ready<S extends Sequenced>(states: Map<number, S>, id: number, status: number, gen: number, seq: number): S | undefined {
  const s = states.get(id);
  return s && s.status === status && succeeds(s, gen, seq) ? s : undefined;
}

/** The event happened: the resource is in `status` at sequence (gen, seq). */
export function moveTo(s: Sequenced, status: number, gen: number, seq: number): void {
  s.status = status;
  setSeq(s, gen, seq);
}

/** A range type keyed by its begin event (an end or active event maps to its begin). */
export function rangeType(typ: number, desc: number): RangeType {
  const start = SPECS[typ]?.startEv ?? 0;
  return { typ: start !== 0 ? start : typ, desc };
}

function hasRange(inFlight: RangeType[], r: RangeType): boolean {
  return inFlight.some((x) => x.typ === r.typ && x.desc === r.desc);
}

export function beginRange(inFlight: RangeType[], r: RangeType, where: string): void {
  if (hasRange(inFlight, r)) throw new TraceFormatError(`${eventName(r.typ)} while one is already in flight`, where);
  inFlight.push(r);
}

/** A range already running at a generation start: new in the first generation, confirmed after. */
export function activeRange(inFlight: RangeType[], r: RangeType, initialGen: boolean, where: string): void {
  if (initialGen) {
    if (hasRange(inFlight, r)) throw new TraceFormatError(`active ${eventName(r.typ)} range found twice in the first generation`, where);
    inFlight.push(r);
  } else if (!hasRange(inFlight, r)) {
    throw new TraceFormatError(`resource is missing its active ${eventName(r.typ)} range`, where);
  }
}

/** Ends the range an end event closes; returns the range's desc (the STW kind string id). */
export function endRange(inFlight: RangeType[], endTyp: number, where: string): number {
  const start = SPECS[endTyp]!.startEv;
  const idx = inFlight.findIndex((r) => r.typ === start);
  if (idx < 0) throw new TraceFormatError(`${eventName(endTyp)} without ${eventName(start)} in flight`, where);
  const desc = inFlight[idx].desc;
  // Swap-remove, as Go does (the order of what stays matters for nothing else).
  inFlight[idx] = inFlight[inFlight.length - 1];
  inFlight.pop();
  return desc;
}
