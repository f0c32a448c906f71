/**
 * Every failure to read a goroutine profile: `where` names the file (or
 * input) and `line` the 1-based text line when known, so a message points at
 * the place, not just the symptom.
 */
export class GoroutineFormatError extends Error {
  override readonly name = 'GoroutineFormatError';
  constructor(
    readonly what: string,
    readonly where: string,
    readonly line?: number,
  ) {
    super(`${where}: ${what}${line === undefined ? '' : ` (line ${line})`}`);
  }
}
