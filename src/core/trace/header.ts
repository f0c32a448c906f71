import { TraceFormatError, UnsupportedTraceVersionError } from './errors';
import { SUPPORTED_VERSIONS, type TraceVersion } from './events';

/** Every Go execution trace starts with these 16 bytes: "go 1.NN trace\0\0\0". */
export const HEADER_SIZE = 16;

const HEADER = /^go 1\.(\d{1,2}) trace\0+$/;

/**
 * The format version from a trace's first 16 bytes. Old-format versions
 * (Go ≤ 1.21) get an UnsupportedTraceVersionError; anything else that is not a
 * 1.22–1.26 header a TraceFormatError showing what was found instead.
 */
export function readHeader(head: Uint8Array): TraceVersion {
  if (head.length < HEADER_SIZE) {
    throw new TraceFormatError(`file too short for a trace header: ${head.length} bytes, found ${show(head)}`, 'header', 0);
  }
  const text = String.fromCharCode(...head.subarray(0, HEADER_SIZE));
  const m = HEADER.exec(text);
  if (!m) throw new TraceFormatError(`not a Go execution trace: expected "go 1.NN trace\\0\\0\\0", found ${show(head)}`, 'header', 0);
  const v = Number(m[1]);
  if (v <= 21) throw new UnsupportedTraceVersionError(v);
  if (!(SUPPORTED_VERSIONS as readonly number[]).includes(v)) {
    throw new TraceFormatError(`unknown trace version go 1.${v} (gomem reads versions ${SUPPORTED_VERSIONS.join(', ')})`, 'header', 0);
  }
  return v as TraceVersion;
}

/** The first bytes as a quoted string with escapes, for messages. */
function show(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes.subarray(0, HEADER_SIZE)) {
    s += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `"${s}"`;
}
