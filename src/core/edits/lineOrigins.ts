/**
 * Follows a document through edits so annotations computed against its text
 * at match time stay on the right lines: lines inserted above shift them, and
 * a line whose text changed is reported as stale rather than silently moved.
 *
 * `origin[j]` is the baseline line that current line j came from, or -1 for
 * a line that did not exist then.
 */
export class LineOrigins {
  private origin: number[];

  constructor(private readonly baseline: readonly string[]) {
    this.origin = baseline.map((_, i) => i);
  }

  /**
   * Records an edit that replaced baseline-coordinate-free current lines
   * `start..end` (inclusive, as in an LSP range) with `newLines`, the texts of
   * the current lines `start..start+newLines.length-1` after the edit.
   */
  apply(start: number, end: number, newLines: readonly string[]): void {
    const block = this.assign(newLines, this.origin[start] ?? -1, this.origin[end] ?? -1);
    this.origin.splice(start, end - start + 1, ...block);
  }

  /** Baseline line of current line j, or -1. */
  originOf(j: number): number {
    return this.origin[j] ?? -1;
  }

  /** Current line → baseline line, for every current line. */
  origins(): readonly number[] {
    return this.origin;
  }

  /** Whether current line j (with text `text`) differs from its baseline line. */
  isStale(j: number, text: string): boolean {
    const o = this.origin[j];
    return o === undefined || o < 0 || this.baseline[o] !== text;
  }

  /**
   * Origins for an edited block whose edges came from baseline lines `first`
   * and `last`. An edge line whose text is unchanged keeps its origin (typing
   * Enter at the end or start of a line moves nothing); otherwise the edge
   * lines keep their origin but read as stale, and inner lines are new.
   */
  private assign(lines: readonly string[], first: number, last: number): number[] {
    const n = lines.length;
    const same = (k: number, o: number) => o >= 0 && this.baseline[o] === lines[k];
    if (n === 1) return [same(0, last) && !same(0, first) ? last : first];
    const out = new Array<number>(n).fill(-1);
    const lastKept = same(n - 1, last);
    // One baseline line split in two: it continues in whichever half kept its text.
    if (first === last && !same(0, first) && lastKept) out[n - 1] = last;
    else {
      out[0] = first;
      if (last !== first || lastKept) out[n - 1] = last === first && same(0, first) ? -1 : last;
    }
    return out;
  }
}
