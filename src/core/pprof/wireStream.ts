import { ProfileFormatError } from './errors';
import { concatBytes } from './gunzip';
import { emptyWireProfile, readTopLevelField, wireReader, type WireProfile } from './wire';
import { fieldEnd } from './fieldEnd';

/**
 * The Profile message decoded as its bytes arrive, so a caller that inflates
 * gzip in chunks never holds the whole decompressed profile (110 MB for a
 * large heap profile, the biggest single allocation a whole-buffer decode
 * makes). Every top-level field (one sample, one location, one string…) is
 * small, so bytes are parsed a field at a time and only an incomplete last
 * field is carried over to the next chunk. A whole buffer is decoded as a
 * stream of one chunk (decodeProfile), so there is one reader.
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
        // Samples, nearly every byte, go to the Sample reader in runs.
        pos = this.profile.samples.read(buf, pos, buf.length);
        if (pos === buf.length) {
          this.need = 0;
          break;
        }
        const end = fieldEnd(buf, pos);
        if (end < 0) {
          this.need = buf.length - pos - end - 1;
          break;
        }
        r.pos = pos;
        readTopLevelField(r, this.profile, end);
        if (r.pos !== end) throw new ProfileFormatError('field length disagrees with its contents', 'profile', pos);
        pos = end;
      }
    } catch (err) {
      throw shifted(err, this.base);
    }
    this.inexact += r.inexact;
    return pos;
  }
}

/** Offsets in errors count from the start of the whole message, not of this chunk. */
function shifted(err: unknown, base: number): unknown {
  if (!(err instanceof ProfileFormatError) || err.offset === undefined || base === 0) return err;
  return new ProfileFormatError(err.what, err.where, err.offset + base);
}
