import { ProfileFormatError } from './errors';
import { concatBytes } from './gunzip';
import { emptyWireProfile, readTopLevelField, wireReader, type WireProfile, type WireReader } from './wire';
import { readSample } from './wireSample';

/**
 * The Profile message decoded as its bytes arrive, so a caller that inflates
 * gzip in chunks never holds the whole decompressed profile (110 MB for a
 * large heap profile, the biggest single allocation a whole-buffer decode
 * makes). Every top-level field (one sample, one location, one string…) is
 * small, so bytes are parsed a field at a time and only an incomplete last
 * field is carried over to the next chunk.
 */
export class WireStream {
  private readonly profile: WireProfile;
  /** Bytes of an incomplete field, waiting for more. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** How many bytes the pending field needs before it can be parsed. */
  private need = 0;
  /** Offset of the first pending byte in the whole message (for error messages). */
  private base = 0;
  private inexact = 0;

  /** `sizeHint`: the message size if known (or an upper bound), to size columns once. */
  constructor(sizeHint: number) {
    this.profile = emptyWireProfile(sizeHint);
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    // First complete a field left over from the last chunk, joining only the
    // bytes it needs: copying whole chunks would copy the profile once more.
    while (this.pendingBytes > 0 && at < chunk.length) {
      const take = Math.min(Math.max(1, this.need - this.pendingBytes), chunk.length - at);
      this.pending.push(chunk.subarray(at, at + take));
      this.pendingBytes += take;
      at += take;
      if (this.pendingBytes >= this.need) this.parsePending(concatBytes(this.pending, this.pendingBytes));
    }
    if (at < chunk.length) this.parsePending(chunk.subarray(at));
  }

  /** Parses what it can of `buf`; keeps a copy of the incomplete rest (a view would pin the chunk). */
  private parsePending(buf: Uint8Array): void {
    const used = this.parse(buf);
    this.base += used;
    this.pending = used < buf.length ? [buf.slice(used)] : [];
    this.pendingBytes = buf.length - used;
  }

  finish(): WireProfile {
    if (this.pendingBytes > 0) {
      throw new ProfileFormatError(`truncated: a field needs ${this.need} bytes, ${this.pendingBytes} left`, 'profile', this.base);
    }
    this.profile.inexactValues = this.inexact;
    return this.profile;
  }

  /** Parses the complete fields at the start of `buf`; returns how many bytes they took. */
  private parse(buf: Uint8Array): number {
    const r = wireReader(buf);
    buf = r.buf; // the same bytes as a plain Uint8Array, for the same reason
    let pos = 0;
    try {
      for (;;) {
        let end = this.sampleAt(r, buf, pos);
        if (end < 0) {
          end = fieldEnd(buf, pos);
          if (end < 0) {
            this.need = buf.length - pos - end - 1;
            break;
          }
          r.pos = pos;
          readTopLevelField(r, this.profile, end);
        }
        if (r.pos !== end) throw new ProfileFormatError('field length disagrees with its contents', 'profile', pos);
        pos = end;
        if (pos === buf.length) {
          this.need = 0;
          break;
        }
      }
    } catch (err) {
      throw shifted(err, this.base);
    }
    this.inexact += r.inexact;
    return pos;
  }

  /**
   * The fast path for what nearly every field is, a Sample whose length
   * takes 1–3 bytes and which is whole in `buf`: read at once, without
   * fieldEnd's general parse nor readTopLevelField's dispatch (measured: 12%
   * of a medium profile's load). Returns the field's end, or -1 to take the
   * general path.
   */
  private sampleAt(r: WireReader, buf: Uint8Array, pos: number): number {
    if (buf[pos] !== SAMPLE_TAG || pos + 4 > buf.length) return -1;
    let at = pos + 1;
    let b = buf[at++];
    let len = b & 0x7f;
    if (b >= 0x80) {
      b = buf[at++];
      len |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[at++];
        len |= (b & 0x7f) << 14;
        if (b >= 0x80) return -1;
      }
    }
    const end = at + len;
    if (end > buf.length) return -1;
    r.pos = at;
    readSample(r, end, this.profile.samples);
    return end;
  }
}

/** Profile.sample's tag (field 2, length-delimited): one byte. */
const SAMPLE_TAG = 0x12;

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

/** Offsets in errors count from the start of the whole message, not of this chunk. */
function shifted(err: unknown, base: number): unknown {
  if (!(err instanceof ProfileFormatError) || err.offset === undefined || base === 0) return err;
  return new ProfileFormatError(err.what, err.where, err.offset + base);
}
