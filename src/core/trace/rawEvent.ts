/**
 * A timed event as read off a batch (Go's baseEvent): its type, time in ns
 * and up to four arguments after dt. The ordering writes into the spare
 * argument slots ("extra") what it learned, as internal/trace does: the state
 * a goroutine or proc was in before a status event, the range kind an end
 * event closes.
 */
export interface RawEvent {
  type: number;
  time: number;
  args: number[];
}

export function newRawEvent(): RawEvent {
  return { type: 0, time: 0, args: [0, 0, 0, 0] };
}

export function setRawEvent(e: RawEvent, type: number, time: number, a0 = 0, a1 = 0): RawEvent {
  e.type = type;
  e.time = time;
  e.args[0] = a0;
  e.args[1] = a1;
  e.args[2] = 0;
  e.args[3] = 0;
  return e;
}
