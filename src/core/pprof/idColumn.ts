/**
 * The biggest column of a profile: every sample's location ids, concatenated
 * (45M of them in a 110 MB heap profile). Two choices keep it small and fast:
 *  - 16-bit entries while every id fits (Go numbers locations 1..n, and
 *    programs with over 65535 distinct PCs in one profile are rare), widened
 *    to 32 bits once when a larger id arrives;
 *  - written by samples.wat into a region sized once at an upper bound (each
 *    id takes at least one byte on the wire, so the input size bounds the
 *    count) instead of doubling: pages never written are never resident,
 *    while each doubling would copy the column (sampleReader.ts).
 * Entries are stored as id − 1, wrapped to the column's width, with the
 * largest stored value: when the profile's locations are numbered 1..n in
 * order (Go's writer does so) and that value is under n, the column already
 * holds location indexes and joining ids to indexes is free instead of one
 * more pass over the biggest column. Id 0, never valid, wraps to the largest
 * value of the width (`zeroValue`), so one maximum catches it as well.
 */
export type IdArray = Uint16Array | Uint32Array;

export class IdColumn {
  constructor(
    public data: IdArray,
    /** The largest stored value (id − 1, wrapped); `zeroValue()` if id 0 was seen. */
    public maxStored: number,
  ) {}

  get length(): number {
    return this.data.length;
  }

  /** What id 0 is stored as: the largest value of the column's width. */
  zeroValue(): number {
    return this.data instanceof Uint16Array ? 0xffff : 0xffffffff;
  }

  /** Switches to 32-bit entries (for a join to more than 65536 locations). */
  widen(): void {
    if (this.data instanceof Uint32Array) return;
    const sawZero = this.maxStored === 0xffff; // in 16 bits only id 0 is stored as 0xffff
    const next = new Uint32Array(this.data);
    if (sawZero) {
      for (let i = 0; i < next.length; i++) if (next[i] === 0xffff) next[i] = 0xffffffff;
      this.maxStored = 0xffffffff;
    }
    this.data = next;
  }

  /** The id stored at `i` (undoing the − 1, including its wrap-around for id 0). */
  idAt(i: number): number {
    return this.data instanceof Uint16Array ? (this.data[i] + 1) & 0xffff : (this.data[i] + 1) >>> 0;
  }
}
