import type { Batch } from './batch';
import { TraceFormatError } from './errors';
import { eventName } from './events';
import { readUvarint, type ByteCursor } from './varint';

/**
 * Walks a structural batch (strings, stacks, CPU samples): after its header
 * byte, a run of events of one type, each read by `each`. `arg` reads the next
 * varint, naming what it is in an error.
 */
export function forEachStructural(
  b: Batch,
  type: number,
  where: string,
  each: (arg: (what: string) => number, c: ByteCursor, at: number) => void,
): void {
  const d = b.data;
  const c: ByteCursor = { pos: 1 };
  const arg = (what: string) => readUvarint(d, c, d.length, b.offset, what);
  while (c.pos < d.length) {
    const at = b.offset + c.pos;
    const ev = d[c.pos++];
    if (ev !== type) throw new TraceFormatError(`expected a ${eventName(type)} event (${type}), found event type ${ev}`, where, at);
    each(arg, c, at);
  }
}
