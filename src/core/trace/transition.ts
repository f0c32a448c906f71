import { EV } from './events';
import { unpackStatus } from './orderGoroutines';
import { GO_STATUS_TO_STATE, GoState, PROC_STATUS_TO_STATE, ProcState, ProcStatus } from './schedState';
import type { TraceEvent } from './traceEvent';

/**
 * What a state-transition event says about a goroutine or proc, as
 * internal/trace's Event.StateTransition reads it: which resource, from which
 * state to which (GoState/ProcState), the reason string for stops and blocks,
 * and the stack that goes with the transition (for GoCreate: the new
 * goroutine's start; for stops, blocks and syscalls: where it happened; for
 * GoStatusStack: where a goroutine was when the generation began).
 */
export interface Transition {
  resource: 'goroutine' | 'proc';
  id: number;
  from: number;
  to: number;
  /** Reason string id in the event's generation (0: none). */
  reason: number;
  /** Stack id in the event's generation (0: none). */
  stack: number;
}

export function newTransition(): Transition {
  return { resource: 'goroutine', id: 0, from: 0, to: 0, reason: 0, stack: 0 };
}

/** Fills `t` from `e`; false when `e` is not a state transition. */
export function readTransition(e: TraceEvent, t: Transition): boolean {
  const a = e.args;
  t.reason = 0;
  t.stack = 0;
  switch (e.type) {
    case EV.ProcStart: return proc(t, a[0], ProcState.Idle, ProcState.Running);
    case EV.ProcStop: return proc(t, e.p, ProcState.Running, ProcState.Idle);
    case EV.ProcSteal: return proc(t, a[0], a[3] === ProcStatus.SyscallAbandoned ? ProcState.Idle : ProcState.Running, ProcState.Idle);
    case EV.ProcStatus: return proc(t, a[0], a[2], PROC_STATUS_TO_STATE[a[1]]);
    case EV.GoCreate: case EV.GoCreateBlocked:
      go(t, a[0], GoState.NotExist, e.type === EV.GoCreateBlocked ? GoState.Waiting : GoState.Runnable);
      t.stack = a[1];
      return true;
    case EV.GoCreateSyscall: return go(t, a[0], GoState.NotExist, GoState.Syscall);
    case EV.GoStart: return go(t, a[0], GoState.Runnable, GoState.Running);
    case EV.GoDestroy: return go(t, e.g, GoState.Running, GoState.NotExist);
    case EV.GoDestroySyscall: return go(t, e.g, GoState.Syscall, GoState.NotExist);
    case EV.GoStop: case EV.GoBlock:
      go(t, e.g, GoState.Running, e.type === EV.GoStop ? GoState.Runnable : GoState.Waiting);
      t.reason = a[0];
      t.stack = a[1];
      return true;
    case EV.GoUnblock: case EV.GoSwitch: case EV.GoSwitchDestroy: return go(t, a[0], GoState.Waiting, GoState.Runnable);
    case EV.GoSyscallBegin:
      go(t, e.g, GoState.Running, GoState.Syscall);
      t.stack = a[1];
      return true;
    case EV.GoSyscallEnd: return go(t, e.g, GoState.Syscall, GoState.Running);
    case EV.GoSyscallEndBlocked: return go(t, e.g, GoState.Syscall, GoState.Runnable);
    case EV.GoStatus: case EV.GoStatusStack: {
      const [from, status] = unpackStatus(a[2]);
      go(t, a[0], from, GO_STATUS_TO_STATE[status]);
      t.stack = e.type === EV.GoStatusStack ? a[3] : 0;
      return true;
    }
    default:
      return false;
  }
}

function set(t: Transition, resource: Transition['resource'], id: number, from: number, to: number): true {
  t.resource = resource;
  t.id = id;
  t.from = from;
  t.to = to;
  return true;
}

const go = (t: Transition, id: number, from: number, to: number) => set(t, 'goroutine', id, from, to);
const proc = (t: Transition, id: number, from: number, to: number) => set(t, 'proc', id, from, to);
