/**
 * Checks shared by every webview page's messages to its host: a page is
 * untrusted input, so each field is checked before the host acts on it.
 */

/** The message as a record, or undefined when it is not an object. */
export function messageRecord(m: unknown): Record<string, unknown> | undefined {
  return typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : undefined;
}

/** An index a page names (a row, a node): whole, not negative, below 1e8; the host still checks it is one it has. */
export function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e8;
}

/** A line number: a whole number, not negative. */
export function isLine(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** `file` and `line` of a message that names a source place (paths of sane length only). */
export function sourcePlace(o: Record<string, unknown>): { file: string; line: number } | undefined {
  const { file, line } = o;
  return typeof file === 'string' && file.length < 4096 && isLine(line) ? { file, line } : undefined;
}
