/**
 * Append-only typed arrays that double as they grow. Decoding cannot know
 * sample counts up front (fields may come in any order), and a JS array of
 * numbers costs several times the memory of a typed array.
 */
type TypedArray = Uint32Array | Int32Array | Float64Array;
type Ctor<T extends TypedArray> = new (n: number) => T;

export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, capacity)); // doubling from 0 would stay 0
  }

  push(v: number): void {
    this.reserve(1);
    this.data[this.length++] = v;
  }

  /**
   * Room for `n` more values. A hot loop reserves, writes `array()` directly
   * and sets `length`: push's own store is shared by every Growable, so it
   * sees Float64, Int32 and Uint32 arrays and is polymorphic wherever it is
   * inlined (measured: a quarter of readSample's time), while a store
   * written at the caller sees one kind.
   */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.data.length) return;
    const next = new this.ctor(Math.max(need, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** The backing array (valid up to `length`; replaced when it grows). */
  array(): T {
    return this.data;
  }

  /**
   * The filled part, without a copy: copying the biggest column (tens of
   * millions of location ids) would double its peak memory, and the slack of
   * a zero-filled typed array that was never written is never resident.
   */
  finish(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
