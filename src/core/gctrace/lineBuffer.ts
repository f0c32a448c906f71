/**
 * Joins output that arrives in pieces (DAP `output` events split lines
 * anywhere) into whole lines. A line longer than `maxLine` is cut, so a
 * program that never writes a newline cannot grow the buffer without bound.
 */
export class LineBuffer {
  private partial = '';

  constructor(private readonly maxLine = 4096) {}

  /** The lines this chunk completes. */
  push(chunk: string): string[] {
    const parts = (this.partial + chunk).split(/\r\n|\n|\r(?!$)/);
    this.partial = parts.pop() ?? '';
    if (this.partial.length > this.maxLine) {
      parts.push(this.partial.slice(0, this.maxLine));
      this.partial = '';
    }
    return parts;
  }

  /** What is left without a newline (at the end of a session). */
  flush(): string[] {
    const rest = this.partial.replace(/\r$/, '');
    this.partial = '';
    return rest ? [rest] : [];
  }
}
