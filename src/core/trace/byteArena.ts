/**
 * Reused storage for one generation's event batches. Copying batches here
 * (instead of keeping views into the caller's chunks) lets the caller reuse
 * one read buffer and keeps memory at about the largest generation: chunks
 * left to the garbage collector pile up for a long time, because a nearly
 * empty JavaScript heap rarely triggers a collection.
 */
export class ByteArena {
  private buf: Uint8Array;
  private used = 0;

  constructor(initial = 1 << 20) {
    this.buf = new Uint8Array(initial);
  }

  /** A copy of `src` that stays valid until reset(). */
  copy(src: Uint8Array): Uint8Array {
    if (this.used + src.length > this.buf.length) {
      // Views into the old buffer stay valid; it is dropped with them at reset().
      this.buf = new Uint8Array(Math.max(2 * this.buf.length, src.length));
      this.used = 0;
    }
    const out = this.buf.subarray(this.used, this.used + src.length);
    out.set(src);
    this.used += src.length;
    return out;
  }

  /** Everything copied so far may be overwritten from now on. */
  reset(): void {
    this.used = 0;
  }
}
