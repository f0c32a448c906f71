/**
 * A time series of a few counters in bounded memory: a fixed number of
 * buckets, each holding the counters' values as of the last update that fell
 * in it. When an update falls past the last bucket, bucket width doubles and
 * neighbours merge (the later one wins), so any trace length fits in the same
 * space at a resolution of about duration / buckets. O(1) per update.
 */
export class BucketSeries {
  private readonly values: Float64Array;
  /** Highest bucket written so far (buckets never written repeat the one before). */
  private last = -1;
  private readonly written: Uint8Array;

  constructor(
    private readonly start: number,
    private width: number,
    private readonly buckets: number,
    private readonly fields: number,
  ) {
    this.values = new Float64Array(buckets * fields);
    this.written = new Uint8Array(buckets);
  }

  set(time: number, counters: ArrayLike<number>): void {
    let idx = Math.floor((time - this.start) / this.width);
    while (idx >= this.buckets) {
      this.halve();
      idx = Math.floor((time - this.start) / this.width);
    }
    if (idx < 0) idx = 0;
    const base = idx * this.fields;
    for (let i = 0; i < this.fields; i++) this.values[base + i] = counters[i];
    this.written[idx] = 1;
    if (idx > this.last) this.last = idx;
  }

  private halve(): void {
    const f = this.fields;
    for (let i = 0; i < this.buckets / 2; i++) {
      // The later of two merged buckets holds the more recent values.
      const src = this.written[2 * i + 1] ? 2 * i + 1 : 2 * i;
      this.values.copyWithin(i * f, src * f, src * f + f);
      this.written[i] = this.written[2 * i] | this.written[2 * i + 1];
    }
    this.values.fill(0, (this.buckets / 2) * f);
    this.written.fill(0, this.buckets / 2);
    this.last = Math.floor(this.last / 2);
    this.width *= 2;
  }

  /** Points [bucket end time (at most `end`), ...counters], forward-filled, up to the last bucket written. */
  points(end: number): number[][] {
    const out: number[][] = [];
    let prev = new Array<number>(this.fields).fill(0);
    for (let i = 0; i <= this.last; i++) {
      if (this.written[i]) prev = Array.from(this.values.subarray(i * this.fields, (i + 1) * this.fields));
      out.push([Math.min(end, this.start + (i + 1) * this.width), ...prev]);
    }
    return out;
  }

}
