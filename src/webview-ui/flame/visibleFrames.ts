/** Flags of a visible frame. */
export const DIM = 1;
export const MATCHED = 2;
export const HIGHLIGHTED = 4;
export const ANCESTOR = 8;
/** Several adjacent slivers drawn as one box. */
export const MERGED = 16;

const CAPACITY = 16384;

/** Frames narrower than this (CSS px) that touch on a row are drawn as one box. */
export const MERGE_PX = 2;

/**
 * The frames one draw paints, in preallocated typed arrays that only grow:
 * a redraw allocates nothing. Slivers (narrower than MERGE_PX) that follow
 * each other on a row (gaps under a pixel) are merged into one box.
 */
export class VisibleFrames {
  count = 0;
  // Sized for a full view of a bushy profile (about 11k boxes measured at 1400 px), so the first draw does not regrow them.
  nodes = new Int32Array(CAPACITY);
  xs = new Float32Array(CAPACITY);
  ws = new Float32Array(CAPACITY);
  ys = new Float32Array(CAPACITY);
  flags = new Uint8Array(CAPACITY);
  keys = new Int32Array(CAPACITY);
  /** Per row: the box a sliver may still join, and where that box ends. */
  private runBox = new Int32Array(64);
  private runEnd = new Float64Array(64);

  reset(rows: number): void {
    this.count = 0;
    if (this.runBox.length < rows) {
      this.runBox = new Int32Array(rows * 2);
      this.runEnd = new Float64Array(rows * 2);
    }
    this.runBox.fill(-1, 0, rows);
  }

  /**
   * Adds a frame on `row` (0-based in this draw's rows) at x..x+w. A sliver
   * that starts where the row's open run ends joins it (keeping its first
   * frame as the box's node); a wider frame closes the run.
   */
  add(row: number, node: number, x: number, w: number, y: number, flags: number, key: number): void {
    if (w < MERGE_PX) {
      const k = this.runBox[row];
      if (k >= 0 && x <= this.runEnd[row] + 1) {
        const end = x + w;
        this.ws[k] = end - this.xs[k];
        this.runEnd[row] = end;
        // The run shows a match if any of its frames matches; it is dim only if all are.
        this.flags[k] = (this.flags[k] | (flags & (MATCHED | HIGHLIGHTED)) | MERGED) & (flags & DIM ? 0xff : ~DIM);
        return;
      }
      this.runBox[row] = this.push(node, x, w, y, flags, key);
      this.runEnd[row] = x + w;
      return;
    }
    this.runBox[row] = -1;
    this.push(node, x, w, y, flags, key);
  }

  private push(node: number, x: number, w: number, y: number, flags: number, key: number): number {
    if (this.count === this.nodes.length) this.grow();
    const k = this.count++;
    this.nodes[k] = node;
    this.xs[k] = x;
    this.ws[k] = w;
    this.ys[k] = y;
    this.flags[k] = flags;
    this.keys[k] = key;
    return k;
  }

  /** The colour key with the final dim state (a merged run may have lost its dimness). */
  colorKey(k: number): number {
    return (this.keys[k] & ~1) | (this.flags[k] & DIM ? 1 : 0);
  }

  private grow(): void {
    const n = this.nodes.length * 2;
    const copy = <T extends Int32Array | Float32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
    this.nodes = copy(this.nodes, new Int32Array(n));
    this.xs = copy(this.xs, new Float32Array(n));
    this.ws = copy(this.ws, new Float32Array(n));
    this.ys = copy(this.ys, new Float32Array(n));
    this.flags = copy(this.flags, new Uint8Array(n));
    this.keys = copy(this.keys, new Int32Array(n));
  }
}
