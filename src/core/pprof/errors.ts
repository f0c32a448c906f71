/**
 * The one error type every profile decoding failure becomes: truncated or
 * hostile bytes, dangling references, over-limit sizes. `where` says what was
 * being read, `offset` the byte position (in the decompressed protobuf) when
 * known, so a message names the place, not just the symptom.
 */
export class ProfileFormatError extends Error {
  override readonly name = 'ProfileFormatError';
  constructor(
    readonly what: string,
    readonly where: string,
    readonly offset?: number,
  ) {
    super(`${where}: ${what}${offset === undefined ? '' : ` (at byte ${offset})`}`);
  }
}

/** Turns whatever a low-level reader threw into a ProfileFormatError. */
export function asFormatError(err: unknown, where: string, offset?: number): ProfileFormatError {
  if (err instanceof ProfileFormatError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  // protobufjs reports truncation as RangeError("index out of range: …").
  const what = /index out of range/.test(msg) ? `truncated input (${msg})` : msg;
  return new ProfileFormatError(what, where, offset);
}
