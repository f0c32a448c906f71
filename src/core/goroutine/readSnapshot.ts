import { decodeProfile, type DecodeOptions } from '../pprof/decode';
import { isGzip } from '../pprof/gunzip';
import { GoroutineFormatError } from './errors';
import { snapshotFromProfile } from './fromProfile';
import type { GoroutineSnapshot } from './model';
import { isDebug1Text, parseDebug1 } from './parseDebug1';
import { isDebug2Text } from './debug2Header';
import { parseDebug2 } from './parseDebug2';

/**
 * Any of the three forms, told apart by content: gzip or protobuf is the
 * proto, `goroutine profile: total N` is debug=1, `goroutine N [` is
 * debug=2. `where` names the input in errors.
 */
export function readGoroutineSnapshot(bytes: Uint8Array, where: string, decode: DecodeOptions = {}): GoroutineSnapshot {
  if (!bytes.length) throw new GoroutineFormatError('empty file', where);
  // A dump pasted from a crash log may start with blank lines; the parsers skip them.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256)).trimStart();
  if (isDebug1Text(head)) return parseDebug1(decodeText(bytes, where), where);
  if (isDebug2Text(head)) return parseDebug2(decodeText(bytes, where), where);
  if (isGzip(bytes) || bytes[0] === 0x0a) return snapshotFromProfile(decodeProfile(bytes, { ...decode, source: where }), where);
  throw new GoroutineFormatError(
    `not a goroutine profile: expected a pprof file, "goroutine profile: total N" (debug=1) or "goroutine N [state]:" (debug=2), found ${JSON.stringify(head.slice(0, 40))}`,
    where,
  );
}

function decodeText(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GoroutineFormatError('not UTF-8 text', where);
  }
}
