import { EV, EV_SYNC, SPECS } from './events';
import type { ClockSnapshot } from './generation';
import type { GenerationTables } from './tables';

/**
 * One event as the reader delivers it, in the order and with the times
 * `go tool trace -d=parsed` prints: `type` is the wire type (or EV_SYNC for
 * a generation boundary), `time` ns on the trace clock, g/p/m the goroutine,
 * proc and thread it happened on *before* the event (-1: none), `args` the
 * arguments after dt (with what the ordering filled in; see rawEvent.ts);
 * for EV_SYNC args[0] is its number N (1, 2, …).
 *
 * The reader reuses one instance for every event: read what you need inside
 * the callback, never keep it.
 */
export class TraceEvent {
  type = 0;
  time = 0;
  g = -1;
  p = -1;
  m = -1;
  readonly args: number[] = [0, 0, 0, 0];
  /** The tables of the generation the event came from (for EV_SYNC: the generation it starts; undefined for the last). */
  tables: GenerationTables | undefined;
  /** Generation number (0 for the final sync). */
  gen = 0;
  /** For EV_SYNC of Go 1.25+ generations: the clock snapshot taken with the generation. */
  clock: ClockSnapshot | undefined;

  /** The event's own stack id (0: none). */
  get stack(): number {
    if (this.type === EV_SYNC) return 0;
    if (this.type === EV.CPUSample) return this.args[0];
    const idx = STACK_ARG[this.type];
    return idx < 0 ? 0 : this.args[idx];
  }

  /** The string argument i resolved in the event's generation. */
  str(i: number): string {
    return this.tables ? this.tables.string(this.args[i]) : '';
  }
}

/** Index of each type's own stack argument, -1 when it has none. */
const STACK_ARG = new Int8Array(256).fill(-1);
for (let t = 0; t < 256; t++) {
  const s = SPECS[t];
  if (s?.stackArgs.length) STACK_ARG[t] = s.stackArgs[0];
}
