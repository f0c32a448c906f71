import { EV } from './events';
import type { Ordering } from './ordering';
import { setRawEvent, type RawEvent } from './rawEvent';
import { GO_STATUS_TO_STATE, GoState, GoStatus, MAY, MUST, MUST_NOT, NONE, ProcStatus, moveTo, newGState, ready, setSeq, succeeds } from './schedState';

/** Goroutine events of order.go. */

const TWO_32 = 4294967296;

/** GoStatus carries the prior state in its status argument, as Go packs it (old<<32 | status). */
export function packStatus(oldState: number, status: number): number {
  return oldState * TWO_32 + status;
}

export function unpackStatus(packed: number): [oldState: number, status: number] {
  const old = Math.floor(packed / TWO_32);
  return [old, packed - old * TWO_32];
}

export function advanceGoStatus(o: Ordering, ev: RawEvent): boolean {
  const gid = ev.args[0];
  const mid = ev.args[1];
  const status = ev.args[2];
  if (!(status >= 0 && status < GO_STATUS_TO_STATE.length)) throw o.fail(`invalid status for goroutine ${gid}: ${status}`);
  let oldState: number = GO_STATUS_TO_STATE[status];
  const s = o.gStates.get(gid);
  if (s) {
    if (s.status !== status) throw o.fail(`inconsistent status for goroutine ${gid}: old ${s.status} vs. new ${status}`);
    setSeq(s, o.gen, 0);
  } else if (o.gen === o.initialGen) {
    o.gStates.set(gid, newGState(gid, status, o.gen));
    oldState = GoState.Undetermined;
  } else {
    throw o.fail(`status for goroutine ${gid}, unseen before, after the first generation`);
  }
  ev.args[2] = packStatus(oldState, status);
  if (status === GoStatus.Running) o.next.g = gid;
  else if (status === GoStatus.Syscall) bindSyscallStatus(o, gid, mid);
  return o.push();
}

/** A goroutine in a syscall at a generation start: bind it to its thread, possibly another one. */
function bindSyscallStatus(o: Ordering, gid: number, mid: number): void {
  if (mid === NONE) throw o.fail(`goroutine ${gid} in a syscall without a thread`);
  if (mid === o.cur.m) {
    if (o.gen !== o.initialGen && o.cur.g !== gid) throw o.fail(`inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${o.cur.g}`);
    o.next.g = gid;
    return;
  }
  const ms = o.mStates.get(mid);
  if (ms) {
    if (ms.g !== gid) throw o.fail(`inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${ms.g}`);
    o.cur.g = ms.g;
  } else {
    o.mStates.set(mid, { g: gid, p: NONE });
  }
  o.cur.m = mid;
}

export function advanceGoCreate(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MAY);
  const creator = o.gStates.get(o.cur.g);
  if (creator && creator.status !== GoStatus.Running) throw o.fail('creating goroutine is not running');
  const id = ev.args[0];
  if (o.gStates.has(id)) throw o.fail(`tried to create goroutine ${id}, which already exists`);
  const status = ev.type === EV.GoCreateBlocked ? GoStatus.Waiting : GoStatus.Runnable;
  o.gStates.set(id, newGState(id, status, o.gen));
  return o.push();
}

/** GoDestroy, GoStop, GoBlock: the running goroutine leaves its thread. */
export function advanceGoStopExec(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const state = o.gStates.get(o.cur.g);
  if (!state) throw o.fail(`goroutine ${o.cur.g} does not exist`);
  if (state.status !== GoStatus.Running) throw o.fail(`goroutine ${o.cur.g} is not running`);
  if (ev.type === EV.GoDestroy) o.gStates.delete(o.cur.g);
  else state.status = ev.type === EV.GoStop ? GoStatus.Runnable : GoStatus.Waiting;
  o.next.g = NONE;
  return o.push();
}

export function advanceGoStart(o: Ordering, ev: RawEvent): boolean {
  const gid = ev.args[0];
  const seq = ev.args[1];
  const state = ready(o.gStates, gid, GoStatus.Runnable, o.gen, seq);
  if (!state) return false;
  o.require(MUST, MUST, MUST_NOT);
  moveTo(state, GoStatus.Running, o.gen, seq);
  o.next.g = gid;
  return o.push();
}

export function advanceGoUnblock(o: Ordering, ev: RawEvent): boolean {
  const gid = ev.args[0];
  const seq = ev.args[1];
  const state = ready(o.gStates, gid, GoStatus.Waiting, o.gen, seq);
  if (!state) return false;
  moveTo(state, GoStatus.Runnable, o.gen, seq);
  return o.push();
}

/** GoSwitch(Destroy): unblock the next goroutine, block (or end) this one, start the next. */
export function advanceGoSwitch(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const { g, p, m } = o.cur;
  const curState = o.gStates.get(g);
  if (!curState) throw o.fail(`goroutine ${g} does not exist`);
  if (curState.status !== GoStatus.Running) throw o.fail(`goroutine ${g} is not running`);
  const nextG = ev.args[0];
  const seq = ev.args[1];
  const nextState = ready(o.gStates, nextG, GoStatus.Waiting, o.gen, seq);
  if (!nextState) return false;
  o.push();
  if (ev.type === EV.GoSwitch) {
    curState.status = GoStatus.Waiting;
    o.emitWith(setRawEvent(o.scratch, EV.GoBlock, ev.time), g, p, m);
  } else {
    o.gStates.delete(g);
    o.emitWith(setRawEvent(o.scratch, EV.GoDestroy, ev.time), g, p, m);
  }
  moveTo(nextState, GoStatus.Running, o.gen, seq);
  o.next.g = nextG;
  o.emitWith(setRawEvent(o.scratch, EV.GoStart, ev.time, nextG, seq), NONE, p, m);
  return true;
}

export function advanceGoSyscallBegin(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const state = o.gStates.get(o.cur.g);
  if (!state) throw o.fail(`goroutine ${o.cur.g} does not exist`);
  if (state.status !== GoStatus.Running) throw o.fail(`goroutine ${o.cur.g} is not running`);
  state.status = GoStatus.Syscall;
  const ps = o.pStates.get(o.cur.p);
  if (!ps) throw o.fail(`uninitialized proc ${o.cur.p}`);
  ps.status = ProcStatus.Syscall;
  // The P sequence number only disambiguates steals; on a running P it must simply be next.
  if (!succeeds(ps, o.gen, ev.args[0])) throw o.fail(`proc sequence ${ev.args[0]} does not follow ${ps.seq} (generation ${ps.seqGen})`);
  setSeq(ps, o.gen, ev.args[0]);
  return o.push();
}

export function advanceGoSyscallEnd(o: Ordering, _ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const state = o.gStates.get(o.cur.g);
  if (!state) throw o.fail(`goroutine ${o.cur.g} does not exist`);
  if (state.status !== GoStatus.Syscall) throw o.fail(`goroutine ${o.cur.g} is not in a syscall`);
  state.status = GoStatus.Running;
  const ps = o.pStates.get(o.cur.p);
  if (!ps) throw o.fail(`uninitialized proc ${o.cur.p}`);
  if (ps.status !== ProcStatus.Syscall) throw o.fail(`proc ${o.cur.p} is not in a syscall`);
  ps.status = ProcStatus.Running;
  return o.push();
}

export function advanceGoSyscallEndBlocked(o: Ordering, _ev: RawEvent): boolean {
  // Not before the P this thread held through the syscall has been taken away.
  if (o.cur.p !== NONE) {
    const ps = o.pStates.get(o.cur.p);
    if (!ps) throw o.fail(`uninitialized proc ${o.cur.p}`);
    if (ps.status === ProcStatus.Syscall) return false;
  }
  o.require(MUST, MAY, MUST);
  const state = o.gStates.get(o.cur.g);
  if (!state) throw o.fail(`goroutine ${o.cur.g} does not exist`);
  if (state.status !== GoStatus.Syscall) throw o.fail(`goroutine ${o.cur.g} is not in a syscall`);
  o.next.g = NONE;
  state.status = GoStatus.Runnable;
  return o.push();
}

/** A cgo callback's goroutine appears, already in a syscall. */
export function advanceGoCreateSyscall(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MAY, MUST_NOT);
  const id = ev.args[0];
  if (o.gStates.has(id)) throw o.fail(`tried to create goroutine ${id} in a syscall, which already exists`);
  o.gStates.set(id, newGState(id, GoStatus.Syscall, o.gen));
  o.next.g = id;
  return o.push();
}

/** A cgo callback's goroutine goes away; a P it still holds is given up (a self-steal). */
export function advanceGoDestroySyscall(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MAY, MUST);
  const state = o.gStates.get(o.cur.g);
  if (!state) throw o.fail(`goroutine ${o.cur.g} does not exist`);
  if (state.status !== GoStatus.Syscall) throw o.fail(`goroutine ${o.cur.g} is not in a syscall`);
  o.gStates.delete(o.cur.g);
  o.next.g = NONE;
  if (o.cur.p !== NONE) {
    const ps = o.pStates.get(o.cur.p);
    if (!ps) throw o.fail(`invalid proc ${o.cur.p}`);
    if (ps.status !== ProcStatus.Syscall) throw o.fail(`proc ${o.cur.p} is not in a syscall`);
    ps.status = ProcStatus.SyscallAbandoned;
    o.next.p = NONE;
    const steal = setRawEvent(o.scratch, EV.ProcSteal, ev.time, o.cur.p);
    steal.args[3] = ProcStatus.Syscall;
    o.push(steal);
  }
  return o.push(ev);
}
