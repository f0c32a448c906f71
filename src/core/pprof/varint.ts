import { ProfileFormatError } from './errors';

/**
 * Varints straight off the byte array, for the fields outside Samples
 * (those are samples.wat's): int64s kept exact where they can be and
 * signed, 64-bit addresses as bigints, where protobufjs's Reader would make
 * a LongBits object per value.
 *
 * Each function returns the value and leaves the new position in `cursor.pos`.
 */
export interface Cursor {
  pos: number;
  /** Values seen so far that could not be represented exactly (|v| > 2^53). */
  inexact: number;
}

const TWO_32 = 4294967296;
/** |hi| beyond this many bits makes hi·2^32 + lo exceed 2^53. */
const SAFE_HI = 0x1fffff;

/** Reads an unsigned varint of up to 64 bits as a number (exact up to 2^53). */
export function readUint64(buf: Uint8Array, c: Cursor, end: number): number {
  let pos = c.pos;
  if (pos < end) {
    const b0 = buf[pos];
    if (b0 < 0x80) {
      c.pos = pos + 1;
      return b0;
    }
  }
  let lo = 0;
  let shift = 0;
  let b = 0;
  // First 28 bits: safe 32-bit shifts.
  do {
    if (pos >= end) throw truncated(pos);
    b = buf[pos++];
    lo |= (b & 0x7f) << shift;
    shift += 7;
  } while (b >= 0x80 && shift < 28);
  lo >>>= 0;
  if (b < 0x80) {
    c.pos = pos;
    return lo;
  }
  // Remaining bits: accumulate the high part in floating point.
  let value = lo;
  let mult = 268435456; // 2^28
  for (let i = 4; i < 10; i++) {
    if (pos >= end) throw truncated(pos);
    b = buf[pos++];
    value += (b & 0x7f) * mult;
    mult *= 128;
    if (b < 0x80) {
      c.pos = pos;
      if (value > Number.MAX_SAFE_INTEGER) c.inexact++;
      return value;
    }
  }
  throw new ProfileFormatError('varint longer than 10 bytes', 'varint', pos);
}

/**
 * Reads a two's-complement int64 varint as a number: negative values (delta
 * and diff profiles) come out negative, never as 2^64 − n.
 */
export function readInt64(buf: Uint8Array, c: Cursor, end: number): number {
  const pos = c.pos;
  if (pos < end && buf[pos] < 0x80) {
    c.pos = pos + 1;
    return buf[pos];
  }
  readBits(buf, c, end);
  const lo = bitsLo;
  const hi = bitsHi;
  if (hi >= 0x80000000) {
    // Negative: value = -(~(hi:lo) + 1)
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    if (nhi > SAFE_HI) c.inexact++;
    return -(nhi * TWO_32 + nlo);
  }
  if (hi > SAFE_HI) c.inexact++;
  return hi * TWO_32 + lo;
}

/** Reads a uint64 varint exactly, as a bigint (addresses, mapping bounds). */
export function readUint64Big(buf: Uint8Array, c: Cursor, end: number): bigint {
  readBits(buf, c, end);
  return (BigInt(bitsHi) << 32n) | BigInt(bitsLo);
}

/**
 * The halves readBits produced. Module-level rather than a returned pair:
 * sample values are read millions of times, and a tuple per value was the
 * decoder's largest allocation (measured: readSample 3× slower with it).
 */
let bitsLo = 0;
let bitsHi = 0;

/** Reads the raw 64 bits of a varint as unsigned 32-bit halves into bitsLo and bitsHi. */
function readBits(buf: Uint8Array, c: Cursor, end: number): void {
  let pos = c.pos;
  let lo = 0;
  let hi = 0;
  let b = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= end) throw truncated(pos);
    b = buf[pos++];
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) {
      c.pos = pos;
      bitsLo = lo >>> 0;
      bitsHi = 0;
      return;
    }
  }
  // Byte 5 straddles: 4 low bits to lo, 3 to hi.
  if (pos >= end) throw truncated(pos);
  b = buf[pos++];
  lo |= (b & 0x0f) << 28;
  hi = (b & 0x7f) >> 4;
  if (b >= 0x80) {
    for (let shift = 3; ; shift += 7) {
      if (shift > 31) throw new ProfileFormatError('varint longer than 10 bytes', 'varint', pos);
      if (pos >= end) throw truncated(pos);
      b = buf[pos++];
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
  }
  c.pos = pos;
  bitsLo = lo >>> 0;
  bitsHi = hi >>> 0;
}

function truncated(pos: number): ProfileFormatError {
  return new ProfileFormatError('truncated varint', 'varint', pos);
}

/** Reads a two's-complement int64 varint exactly, as a bigint (timestamps). */
export function readInt64Big(buf: Uint8Array, c: Cursor, end: number): bigint {
  return BigInt.asIntN(64, readUint64Big(buf, c, end));
}
