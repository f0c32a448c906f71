import { ProfileFormatError } from './errors';

/**
 * End offset of the top-level field starting at `pos`, or, when `buf` ends
 * first, -(1 + the number of bytes still missing) — a lower bound when even
 * the length is not complete yet.
 */
export function fieldEnd(buf: Uint8Array, pos: number): number {
  const tag = varintAt(buf, pos);
  if (tag.end < 0) return -2;
  const wt = tag.value % 8;
  let end: number;
  switch (wt) {
    case 0: {
      const v = varintAt(buf, tag.end);
      if (v.end < 0) return -2;
      return v.end;
    }
    case 1: end = tag.end + 8; break;
    case 5: end = tag.end + 4; break;
    case 2: {
      const len = varintAt(buf, tag.end);
      if (len.end < 0) return -2;
      end = len.end + len.value;
      break;
    }
    default:
      throw new ProfileFormatError(`unsupported wire type ${wt}`, 'profile', pos);
  }
  return end <= buf.length ? end : -(1 + end - buf.length);
}

/** A varint at `pos` as a number; end -1 when the buffer ends inside it. */
function varintAt(buf: Uint8Array, pos: number): { value: number; end: number } {
  let value = 0;
  let mult = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= buf.length) return { value: 0, end: -1 };
    const b = buf[pos + i];
    value += (b & 0x7f) * mult;
    mult *= 128;
    if (b < 0x80) return { value, end: pos + i + 1 };
  }
  throw new ProfileFormatError('varint longer than 10 bytes', 'varint', pos);
}
