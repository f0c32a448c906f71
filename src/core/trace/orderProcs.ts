import type { Ordering } from './ordering';
import type { RawEvent } from './rawEvent';
import { MAY, MUST, MUST_NOT, NONE, PROC_STATUS_TO_STATE, ProcState, ProcStatus, moveTo, ready, setSeq, succeeds } from './schedState';

/** Proc events of order.go. ProcStatus/ProcSteal record the prior state in their spare slot. */

export function advanceProcStatus(o: Ordering, ev: RawEvent): boolean {
  const pid = ev.args[0];
  const status = ev.args[1];
  if (!(status >= 0 && status < PROC_STATUS_TO_STATE.length)) throw o.fail(`invalid status for proc ${pid}: ${status}`);
  let oldState: number = PROC_STATUS_TO_STATE[status];
  const s = o.pStates.get(pid);
  if (s) {
    if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.Syscall) {
      // Nothing lost: still in the syscall it was in. Reported as running → running.
      oldState = ProcState.Running;
      ev.args[1] = ProcStatus.Syscall;
    } else if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.SyscallAbandoned) {
      oldState = ProcState.Idle;
      ev.args[1] = ProcStatus.SyscallAbandoned;
    } else if (s.status !== status) {
      throw o.fail(`inconsistent status for proc ${pid}: old ${s.status} vs. new ${status}`);
    }
    setSeq(s, o.gen, 0);
  } else {
    o.pStates.set(pid, { id: pid, status, seqGen: o.gen, seq: 0, inFlight: [] });
    oldState = o.gen === o.initialGen ? ProcState.Undetermined : ProcState.NotExist;
  }
  ev.args[2] = oldState;
  if (status === ProcStatus.Running || status === ProcStatus.Syscall) o.next.p = pid;
  if (status === ProcStatus.SyscallAbandoned && oldState === ProcState.Running) {
    // About to be stolen: emit it in the context of the thread it is bound to.
    let found = false;
    for (const [mid, ms] of o.mStates) {
      if (ms.p === pid) {
        o.cur.m = mid;
        o.cur.p = pid;
        o.cur.g = ms.g;
        found = true;
      }
    }
    if (!found) throw o.fail(`failed to find the thread of proc ${pid}, which is about to be stolen`);
  }
  return o.push();
}

export function advanceProcStart(o: Ordering, ev: RawEvent): boolean {
  const pid = ev.args[0];
  const seq = ev.args[1];
  const state = ready(o.pStates, pid, ProcStatus.Idle, o.gen, seq);
  // Not yet: the status may come later, or this M must first lose the P it has.
  if (!state || o.cur.p !== NONE) return false;
  o.require(MUST, MUST_NOT, MAY);
  moveTo(state, ProcStatus.Running, o.gen, seq);
  o.next.p = pid;
  return o.push();
}

export function advanceProcStop(o: Ordering, ev: RawEvent): boolean {
  const state = o.pStates.get(o.cur.p);
  if (!state) throw o.fail(`proc ${o.cur.p} does not exist`);
  if (state.status !== ProcStatus.Running && state.status !== ProcStatus.Syscall) throw o.fail('proc is neither running nor in a syscall');
  o.require(MUST, MUST, MAY);
  state.status = ProcStatus.Idle;
  o.next.p = NONE;
  return o.push(ev);
}

export function advanceProcSteal(o: Ordering, ev: RawEvent): boolean {
  const pid = ev.args[0];
  const seq = ev.args[1];
  const state = o.pStates.get(pid);
  if (!state || (state.status !== ProcStatus.Syscall && state.status !== ProcStatus.SyscallAbandoned) || !succeeds(state, o.gen, seq)) {
    return false;
  }
  o.require(MUST, MAY, MAY);
  const oldStatus = state.status;
  ev.args[3] = oldStatus;
  moveTo(state, ProcStatus.Idle, o.gen, seq);
  // Information was lost (the thread moved on): leave the Ms alone.
  if (oldStatus === ProcStatus.SyscallAbandoned) return o.push();
  const mid = ev.args[2];
  if (mid === o.cur.m) {
    if (o.cur.p !== pid) throw o.fail(`tried to self-steal proc ${pid} (thread ${mid}), but got proc ${o.cur.p} instead`);
    o.next.p = NONE;
    return o.push();
  }
  const victim = o.mStates.get(mid);
  if (!victim) throw o.fail(`stole proc from non-existent thread ${mid}`);
  if (victim.p !== pid) throw o.fail(`tried to steal proc ${pid} from thread ${mid}, but got proc ${victim.p} instead`);
  victim.p = NONE;
  return o.push();
}
