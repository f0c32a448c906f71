import { GoroutineFormatError } from './errors';

/**
 * Lines of a text profile with their 1-based numbers, and one place to fail
 * with the line named. Splitting is linear and every pattern the parsers use
 * is anchored with no nested repetition, so a huge or hostile input costs
 * time in proportion to its size and cannot hang.
 */
export class TextLines {
  /** Offset of the next line's first character; lines are cut on demand, so a 64 MB dump never exists as an array of lines. */
  private pos = 0;
  private line = 1;
  private current: string | undefined;
  private readonly end: number;

  constructor(
    private readonly text: string,
    readonly where: string,
  ) {
    // Go ends every line it prints with \n: a missing last one means the dump was cut off.
    if (text.length && !text.endsWith('\n')) throw new GoroutineFormatError('the last line is incomplete: the profile is truncated', where);
    this.end = text.length;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** 1-based number of the line peek() would return. */
  get lineNumber(): number {
    return this.line;
  }

  peek(): string | undefined {
    if (this.current === undefined && !this.done) {
      const nl = this.text.indexOf('\n', this.pos);
      const stop = nl > 0 && this.text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl; // \r\n
      this.current = this.text.slice(this.pos, stop);
    }
    return this.current;
  }

  take(): string {
    const line = this.peek();
    if (line === undefined) throw this.fail('unexpected end of input: the profile is truncated');
    this.pos = this.text.indexOf('\n', this.pos) + 1;
    this.line++;
    this.current = undefined;
    return line;
  }

  fail(what: string, line = this.lineNumber): GoroutineFormatError {
    return new GoroutineFormatError(what, this.where, line);
  }
}

/** A line quoted for an error message, shortened: hostile input can have megabyte lines. */
export function quoteLine(s: string): string {
  return JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…` : s);
}

/** `file:line` → parts; undefined when it does not end in `:digits`. */
export function splitFileLine(s: string): { file: string; line: number } | undefined {
  const colon = s.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const digits = s.slice(colon + 1);
  if (!/^\d{1,9}$/.test(digits)) return undefined;
  return { file: s.slice(0, colon), line: Number(digits) };
}
