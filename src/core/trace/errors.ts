/**
 * Every failure to read an execution trace becomes a TraceFormatError: a
 * wrong header, truncated or corrupted bytes, an event stream the Go
 * scheduler could not have produced. `where` says what was being read and
 * `offset` the byte position in the file when known, so the message names the
 * place and what was found there, not just the symptom.
 */
export class TraceFormatError extends Error {
  override readonly name: string = 'TraceFormatError';
  constructor(
    readonly what: string,
    readonly where: string,
    readonly offset?: number,
  ) {
    super(`${where}: ${what}${offset === undefined ? '' : ` (at byte ${offset})`}`);
  }
}

/**
 * A well-formed header of a trace format gomem does not read: Go 1.11–1.21
 * wrote an older, unrelated format (header versions 11, 19, 21).
 */
export class UnsupportedTraceVersionError extends TraceFormatError {
  override readonly name = 'UnsupportedTraceVersionError';
  constructor(readonly version: number) {
    super(
      `found a Go 1.${version} trace; gomem reads the execution-trace format of Go 1.22 and newer ` +
        '(header versions 22, 23, 25, 26) — record the trace again with Go 1.22+',
      'header',
      0,
    );
  }
}
