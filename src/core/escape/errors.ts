/**
 * Compiler output gomem cannot read: a JSON log that is not what
 * cmd/compile/internal/logopt writes (truncated, another version), named by
 * file and line so the message points at the place.
 */
export class CompilerOutputError extends Error {
  override readonly name = 'CompilerOutputError';
  constructor(
    readonly what: string,
    readonly where: string,
    readonly line?: number,
  ) {
    super(`${where}${line === undefined ? '' : `:${line}`}: ${what}`);
  }
}
