/** A log gomem cannot read as gctrace output: missing, too large, binary, or without any gctrace line. */
export class GcTraceError extends Error {
  override readonly name = 'GcTraceError';

  constructor(
    readonly what: string,
    readonly file: string,
  ) {
    super(`${file}: ${what}`);
  }
}
