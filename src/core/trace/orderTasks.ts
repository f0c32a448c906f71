import type { Ordering } from './ordering';
import type { RawEvent } from './rawEvent';
import { MUST } from './schedState';

/** User tasks and regions (runtime/trace annotations) of order.go: validated, not interpreted. */

/** Go's NoTask (^uint64(0)) in the int64 view the reader uses. */
const NO_TASK = -1;

export function advanceTaskBegin(o: Ordering, ev: RawEvent): boolean {
  const id = ev.args[0];
  if (o.activeTasks.has(id)) throw o.fail(`task id conflict: ${id}`);
  // A parent of 0 means no parent (the background task is only for regions).
  let parentId = ev.args[1];
  if (parentId === 0) {
    parentId = NO_TASK;
    ev.args[1] = NO_TASK;
  }
  if (!o.tables.hasString(ev.args[2])) throw o.fail(`invalid string id ${ev.args[2]}`);
  o.activeTasks.set(id, { parentId });
  o.require(MUST, MUST, MUST);
  return o.push();
}

export function advanceTaskEnd(o: Ordering, ev: RawEvent): boolean {
  const id = ev.args[0];
  ev.args[2] = o.activeTasks.get(id)?.parentId ?? NO_TASK;
  o.activeTasks.delete(id);
  o.require(MUST, MUST, MUST);
  return o.push();
}

export function advanceRegionBegin(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const gs = regionGoroutine(o, ev);
  gs.regions.push({ taskId: ev.args[0], name: o.tables.string(ev.args[1]) });
  return o.push();
}

export function advanceRegionEnd(o: Ordering, ev: RawEvent): boolean {
  o.require(MUST, MUST, MUST);
  const gs = regionGoroutine(o, ev);
  const name = o.tables.string(ev.args[1]);
  // Regions begun before the trace started are unknown: an end without a begin is fine.
  if (gs.regions.length > 0) {
    const top = gs.regions[gs.regions.length - 1];
    if (top.taskId !== ev.args[0] || top.name !== name) {
      throw o.fail(`region "${name}" ends while the innermost active region is "${top.name}" (goroutine ${gs.id})`);
    }
    gs.regions.pop();
  }
  return o.push();
}

function regionGoroutine(o: Ordering, ev: RawEvent) {
  if (!o.tables.hasString(ev.args[1])) throw o.fail(`invalid string id ${ev.args[1]}`);
  const gs = o.gStates.get(o.cur.g);
  if (!gs) throw o.fail(`no state for the current goroutine ${o.cur.g}`);
  return gs;
}
