/**
 * The compiler counts columns in UTF-8 bytes from 1; editors (LSP) count
 * UTF-16 code units from 0. Lines of plain ASCII need no conversion.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The text of a line from a 1-based byte column. */
export function textFromColumn(line: string, column: number): string {
  if (isAscii(line)) return line.slice(Math.max(0, column - 1));
  return decoder.decode(encoder.encode(line).subarray(Math.max(0, column - 1)));
}

/** A 1-based byte column → 0-based UTF-16 offset in `line` (0 for column 0, "no column"). */
export function utf16Offset(line: string | undefined, column: number): number {
  if (column <= 0) return 0;
  if (line === undefined || isAscii(line)) return column - 1;
  return decoder.decode(encoder.encode(line).subarray(0, column - 1)).length;
}

function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}
