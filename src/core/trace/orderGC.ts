import { EV } from './events';
import type { Ordering } from './ordering';
import type { RawEvent } from './rawEvent';
import { GC_NOT_RUNNING, GC_RUNNING, GC_UNDETERMINED, MAY, MUST, activeRange, beginRange, endRange, rangeType } from './schedState';

/**
 * GC and other range events of order.go. GC begin/active/end carry a global
 * sequence number because begin and end can happen on different threads; the
 * other ranges hang off the goroutine (STW, mark assist) or proc (sweep).
 */
export function advanceGC(o: Ordering, ev: RawEvent): boolean {
  const seq = ev.args[0];
  if (ev.type === EV.GCActive) return gcActive(o, seq);
  if (ev.type === EV.GCBegin && o.gcState === GC_UNDETERMINED) {
    o.gcSeq = seq;
    o.gcState = GC_RUNNING;
    return o.push();
  }
  if (seq !== o.gcSeq + 1) return false; // not this GC cycle yet
  if (ev.type === EV.GCBegin) {
    if (o.gcState === GC_RUNNING) throw o.fail('GC begins while one is already in progress');
    o.gcState = GC_RUNNING;
  } else {
    if (o.gcState === GC_NOT_RUNNING) throw o.fail('GC ends while none is in progress');
    if (o.gcState === GC_UNDETERMINED) throw o.fail('GC ends while its state is undetermined');
    o.gcState = GC_NOT_RUNNING;
  }
  o.gcSeq = seq;
  o.require(MUST, MUST, MUST);
  return o.push();
}

function gcActive(o: Ordering, seq: number): boolean {
  if (o.gen === o.initialGen) {
    if (o.gcState !== GC_UNDETERMINED) throw o.fail('GCActive in the first generation is not its first GC event');
    o.gcSeq = seq;
    o.gcState = GC_RUNNING;
    return o.push();
  }
  if (seq !== o.gcSeq + 1) return false;
  if (o.gcState !== GC_RUNNING) throw o.fail('GCActive while no GC is in progress');
  o.gcSeq = seq;
  o.require(MUST, MUST, MUST);
  return o.push();
}

/** Sweeps are bound to a P. */
export function advanceSweep(o: Ordering, ev: RawEvent): boolean {
  const where = `proc ${o.cur.p}`;
  if (ev.type === EV.GCSweepActive) {
    const pid = ev.args[0];
    const ps = o.pStates.get(pid);
    if (!ps) throw o.fail(`GCSweepActive for unknown proc ${pid}`);
    activeRange(ps.inFlight, rangeType(ev.type, 0), o.gen === o.initialGen, `proc ${pid}`);
    return o.push();
  }
  o.require(MUST, MUST, MAY);
  const ps = o.pStates.get(o.cur.p);
  if (!ps) throw o.fail(`uninitialized proc ${o.cur.p}`);
  if (ev.type === EV.GCSweepBegin) beginRange(ps.inFlight, rangeType(ev.type, 0), where);
  else endRange(ps.inFlight, ev.type, where);
  return o.push();
}

/** STW and mark-assist begin on the running goroutine; an STW remembers its kind string. */
export function advanceGoRangeBegin(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const desc = ev.type === EV.STWBegin ? ev.args[0] : 0;
  const gs = o.gStates.get(o.cur.g);
  if (!gs) throw o.fail(`no state for the current goroutine ${o.cur.g}`);
  beginRange(gs.inFlight, rangeType(ev.type, desc), `goroutine ${o.cur.g}`);
  return o.push();
}

/** A mark assist already running at a generation start; may name a goroutine that is not running. */
export function advanceGoRangeActive(o: Ordering, ev: RawEvent): boolean {
  const gid = ev.args[0];
  const gs = o.gStates.get(gid);
  if (!gs) throw o.fail(`uninitialized goroutine ${gid}`);
  activeRange(gs.inFlight, rangeType(ev.type, 0), o.gen === o.initialGen, `goroutine ${gid}`);
  return o.push();
}

export function advanceGoRangeEnd(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const gs = o.gStates.get(o.cur.g);
  if (!gs) throw o.fail(`no state for the current goroutine ${o.cur.g}`);
  const desc = endRange(gs.inFlight, ev.type, `goroutine ${o.cur.g}`);
  // STWEnd gets its begin's kind string id, as Go smuggles it.
  if (ev.type === EV.STWEnd) ev.args[0] = desc;
  return o.push();
}
