import { GoroutineFormatError } from './errors';

/**
 * Lines of a text profile with their 1-based numbers, and one place to fail
 * with the line named. Splitting is linear and every pattern the parsers use
 * is anchored with no nested repetition, so a huge or hostile input costs
 * time in proportion to its size and cannot hang.
 */
export class TextLines {
  private readonly lines: string[];
  private next = 0;

  constructor(
    text: string,
    readonly where: string,
  ) {
    // Go ends every line it prints with \n: a missing last one means the dump was cut off.
    if (text.length && !text.endsWith('\n')) throw new GoroutineFormatError('the last line is incomplete: the profile is truncated', where);
    this.lines = text.split('\n');
    if (this.lines.length && this.lines[this.lines.length - 1] === '') this.lines.pop();
    for (let i = 0; i < this.lines.length; i++) if (this.lines[i].endsWith('\r')) this.lines[i] = this.lines[i].slice(0, -1);
  }

  get done(): boolean {
    return this.next >= this.lines.length;
  }

  /** 1-based number of the line peek() would return. */
  get lineNumber(): number {
    return this.next + 1;
  }

  peek(): string | undefined {
    return this.lines[this.next];
  }

  take(): string {
    if (this.done) throw this.fail('unexpected end of input: the profile is truncated');
    return this.lines[this.next++];
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
