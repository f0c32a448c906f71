import { TraceFormatError } from './errors';

/**
 * Unsigned LEB128 varints as Go's encoding/binary reads them (Uvarint): at
 * most 10 bytes, the 10th at most 1, non-minimal encodings accepted (the
 * runtime pads batch sizes to 10 bytes). Values come back as numbers in the
 * int64 view: the runtime writes -1 (2^64-1) for "no thread"/"no goroutine",
 * which must come out as -1, exactly as Go's ThreadID(arg) conversion does;
 * anything else a trace holds (ids, ticks, bytes, PCs) is far below 2^53.
 */
export interface ByteCursor {
  pos: number;
}

/**
 * Reads one varint from buf[c.pos..end), advancing c.pos. `base` is the file
 * offset of buf[0], only used to name the place in an error.
 */
export function readUvarint(buf: Uint8Array, c: ByteCursor, end: number, base: number, what: string): number {
  const pos = c.pos;
  if (pos < end) {
    const b0 = buf[pos];
    if (b0 < 0x80) {
      c.pos = pos + 1;
      return b0;
    }
  }
  return readLong(buf, c, end, base, what);
}

/** The multi-byte case: the low 32 and high 32 bits kept apart so 2^64-1 stays exact. */
function readLong(buf: Uint8Array, c: ByteCursor, end: number, base: number, what: string): number {
  let pos = c.pos;
  let lo = 0;
  let hi = 0;
  for (let i = 0; ; i++) {
    if (pos >= end) throw new TraceFormatError(`truncated varint in ${what}`, 'varint', base + pos);
    if (i === 10) throw new TraceFormatError(`varint in ${what} is longer than 10 bytes`, 'varint', base + c.pos);
    const b = buf[pos++];
    const bits = b & 0x7f;
    if (i < 4) lo |= bits << (7 * i);
    else if (i === 4) {
      lo |= (bits & 0x0f) << 28;
      hi = bits >> 4;
    } else hi |= bits << (7 * i - 32);
    if (b < 0x80) {
      if (i === 9 && b > 1) throw new TraceFormatError(`varint in ${what} overflows 64 bits`, 'varint', base + c.pos);
      c.pos = pos;
      return toInt64(lo >>> 0, hi >>> 0);
    }
  }
}

const TWO_32 = 4294967296;

function toInt64(lo: number, hi: number): number {
  if (hi < 0x80000000) return hi * TWO_32 + lo;
  // Two's complement: -(~x + 1).
  const nlo = (~lo + 1) >>> 0;
  const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
  return -(nhi * TWO_32 + nlo);
}
