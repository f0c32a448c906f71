import { existsSync, readFileSync } from 'node:fs';

/** Existence and lines of source files, read once per analysis. */
export class SourceFiles {
  private readonly exists = new Map<string, boolean>();
  private readonly lines = new Map<string, string[] | undefined>();

  has(file: string): boolean {
    let v = this.exists.get(file);
    if (v === undefined) this.exists.set(file, (v = existsSync(file)));
    return v;
  }

  /** The text of a 1-based line, or undefined when the file cannot be read. */
  line(file: string, line: number): string | undefined {
    if (!this.lines.has(file)) {
      try {
        this.lines.set(file, readFileSync(file, 'utf8').split(/\r?\n/));
      } catch {
        this.lines.set(file, undefined);
      }
    }
    return this.lines.get(file)?.[line - 1];
  }
}
