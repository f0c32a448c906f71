import { ProfileFormatError } from './errors';

/**
 * The biggest column of a profile: every sample's location ids, concatenated
 * (45M of them in a 110 MB heap profile). Two choices keep it small and fast:
 *  - 16-bit entries while every id fits (Go numbers locations 1..n, and
 *    programs with over 65535 distinct PCs in one profile are rare), widened
 *    to 32 bits once when a larger id arrives;
 *  - allocated once at an upper bound (each id takes at least one byte on the
 *    wire, so the input size bounds the count) instead of doubling: pages of
 *    a typed array that are never written are never resident, while each
 *    doubling copied the column and kept the old copy until the next GC.
 * Entries are stored as id − 1, wrapped to the column's width, with the
 * largest stored value: when the profile's locations are numbered 1..n in
 * order (Go's writer does so) and that value is under n, the column already
 * holds location indexes and joining ids to indexes is free instead of one
 * more pass over the biggest column. Id 0, never valid, wraps to the largest
 * value of the width (`zeroValue`), so one maximum catches it as well.
 */
export type IdArray = Uint16Array | Uint32Array;

export class IdColumn {
  data: IdArray;
  length = 0;
  /** The largest stored value (id − 1, wrapped); `zeroValue()` if id 0 was seen. */
  maxStored = 0;

  constructor(capacity: number) {
    this.data = new Uint16Array(Math.max(16, capacity));
  }

  /** Room for `n` more ids (normally a no-op: the capacity is an upper bound). */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.data.length) return;
    const next = this.data instanceof Uint16Array ? new Uint16Array(need * 2) : new Uint32Array(need * 2);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** What id 0 is stored as: the largest value of the column's width. */
  zeroValue(): number {
    return this.data instanceof Uint16Array ? 0xffff : 0xffffffff;
  }

  /** Switches to 32-bit entries; called when an id above 65535 arrives. */
  widen(): void {
    if (this.data instanceof Uint32Array) return;
    const sawZero = this.maxStored === 0xffff; // in 16 bits only id 0 is stored as 0xffff
    const next = new Uint32Array(this.data.length);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
    if (sawZero) {
      for (let i = 0; i < this.length; i++) if (next[i] === 0xffff) next[i] = 0xffffffff;
      this.maxStored = 0xffffffff;
    }
  }

  push(id: number, pos: number): void {
    // Location ids are uint64 on the wire; every known producer numbers them
    // 1..n. Ids past 2^32 are refused rather than stored in a wider column
    // that would double the memory of every profile.
    if (id > 0xffff) {
      if (id > 0xffffffff) throw new ProfileFormatError(`location id ${id} exceeds 2^32-1 (unsupported)`, 'sample.location_id', pos);
      this.widen();
    }
    this.reserve(1);
    const v = id === 0 ? this.zeroValue() : id - 1;
    this.data[this.length++] = v;
    if (v > this.maxStored) this.maxStored = v;
  }

  /** The id stored at `i` (undoing the − 1, including its wrap-around for id 0). */
  idAt(i: number): number {
    return this.data instanceof Uint16Array ? (this.data[i] + 1) & 0xffff : (this.data[i] + 1) >>> 0;
  }

  /** The filled part, without a copy (see above: the slack is not resident). */
  finish(): IdArray {
    return this.data.subarray(0, this.length);
  }
}
