import type { Batch } from './batch';
import { ticksToNs } from './clock';
import { TraceFormatError } from './errors';
import { eventName } from './events';
import { newRawEvent, type RawEvent } from './rawEvent';
import { readUvarint, type ByteCursor } from './varint';

/**
 * Walks one M's batches of a generation event by event (Go's batchCursor).
 * Each batch restarts the clock at its base timestamp; every event adds its
 * delta, converted to ns on its own (see clock.ts).
 */
export class BatchCursor {
  /** The last event read: the candidate this M offers to the ordering. */
  readonly ev: RawEvent = newRawEvent();
  private readonly cur: ByteCursor = { pos: 0 };
  private idx = 0;
  private off = 0;
  private lastTs = 0;

  constructor(
    readonly m: number,
    private readonly batches: Batch[],
    private readonly freq: number,
    /** Arguments after dt per event type, -1 for types that are not timed events of this version. */
    private readonly argCounts: Int8Array,
    private readonly version: number,
  ) {}

  /** Reads the next event into `ev`; false when this M has no more events in the generation. */
  next(): boolean {
    const batches = this.batches;
    while (this.idx < batches.length && batches[this.idx].data.length === this.off) {
      this.idx++;
      this.off = 0;
      this.lastTs = 0;
    }
    if (this.idx === batches.length) return false;
    const b = batches[this.idx];
    if (this.lastTs === 0) this.lastTs = ticksToNs(b.time, this.freq);
    const d = b.data;
    const c = this.cur;
    c.pos = this.off;
    const type = d[c.pos++];
    const n = this.argCounts[type];
    if (n < 0) throw this.badType(type, b, c.pos - 1);
    const dt = readUvarint(d, c, d.length, b.offset, 'event time delta');
    const args = this.ev.args;
    for (let i = 0; i < n; i++) args[i] = readUvarint(d, c, d.length, b.offset, 'event argument');
    this.ev.type = type;
    this.ev.time = ticksToNs(dt, this.freq) + this.lastTs;
    this.lastTs = this.ev.time;
    this.off = c.pos;
    return true;
  }

  private badType(type: number, b: Batch, pos: number): TraceFormatError {
    const what = eventName(type).startsWith('Invalid')
      ? `invalid event type ${type}`
      : `event type ${type} (${eventName(type)}) is not a timed event of the Go 1.${this.version} format`;
    return new TraceFormatError(what, `events of M ${this.m}`, b.offset + pos);
  }
}
