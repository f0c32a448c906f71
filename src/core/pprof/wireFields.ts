import type { Reader } from 'protobufjs/minimal';
import { ProfileFormatError } from './errors';
import { readInt64, readInt64Big, readUint64, readUint64Big, type Cursor } from './varint';

/**
 * Field-level helpers for the Profile message's readers (wire.ts; Samples
 * have their own, samples.wat): wire-type checks, scalars, repeated fields
 * and skipping, each failing with a ProfileFormatError that says what and
 * where.
 */
export type WireReader = Reader & Cursor;

/** For a length-delimited field: checks the wire type and returns the end offset. */
export function messageEnd(r: WireReader, wt: number, what: string): number {
  if (wt !== 2) throw new ProfileFormatError(`expected a message (wire type 2), found wire type ${wt}`, what, r.pos);
  const start = r.pos;
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) throw new ProfileFormatError(`truncated: ${len} bytes declared, ${r.len - r.pos} left`, what, start);
  return end;
}

/** A varint scalar (int64/uint64/bool) as a number; int64 sign kept. */
export function scalar(r: WireReader, wt: number, end: number, what: string): number {
  if (wt !== 0) throw badWireType(r, wt, what);
  return readInt64(r.buf, r, end);
}

export function bigScalar(r: WireReader, wt: number, end: number, what: string): bigint {
  if (wt !== 0) throw badWireType(r, wt, what);
  return readUint64Big(r.buf, r, end);
}

export function signedBigScalar(r: WireReader, wt: number, end: number, what: string): bigint {
  if (wt !== 0) throw badWireType(r, wt, what);
  return readInt64Big(r.buf, r, end);
}

/** A repeated varint field, packed (wire type 2) or not (wire type 0). */
export function repeated(r: WireReader, wt: number, end: number, what: string, push: (v: number) => void): void {
  if (wt === 0) {
    push(readUint64(r.buf, r, end));
    return;
  }
  const e = messageEnd(r, wt, what);
  while (r.pos < e) push(readUint64(r.buf, r, e));
}

export function skip(r: WireReader, wt: number, end: number): void {
  const at = r.pos;
  if (wt === 3 || wt === 4) throw new ProfileFormatError(`unsupported group wire type ${wt}`, 'profile', at);
  r.skipType(wt);
  if (r.pos > end) throw new ProfileFormatError('field runs past the end of its message', 'profile', at);
}

export function badWireType(r: WireReader, wt: number, what: string): ProfileFormatError {
  return new ProfileFormatError(`unexpected wire type ${wt}`, what, r.pos);
}
