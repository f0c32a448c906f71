import { gunzipSync } from 'node:zlib';
import { ProfileFormatError } from '../core/pprof/errors';
import type { Gunzip } from '../core/pprof/gunzip';

/**
 * Node's zlib gunzip with a hard output cap: zlib stops at maxOutputLength,
 * so a gzip bomb costs at most the limit. About 2× faster than pako
 * (test/bench/decode prints both).
 */
export const zlibGunzip: Gunzip = (gz, maxBytes) => {
  try {
    const out = gunzipSync(gz, { maxOutputLength: Math.max(1, Math.min(maxBytes + 1, 2 ** 32)), chunkSize: chunkSizeHint(gz, maxBytes) });
    if (out.length > maxBytes) throw tooLarge(maxBytes);
    return out;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw gzipError(err);
  }
};

/** What zlib threw, as the ProfileFormatError the decoder would give. */
export function gzipError(err: unknown): ProfileFormatError {
  if (err instanceof ProfileFormatError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR') return new ProfileFormatError('truncated gzip data (unexpected end of file)', 'gzip');
  return new ProfileFormatError(`corrupt gzip data (${e.message})`, 'gzip');
}

/**
 * The gzip trailer's ISIZE (decompressed size mod 2^32) as zlib's chunk size,
 * so the output fills one buffer instead of 16 KiB chunks concatenated at the
 * end (a second copy of the whole profile at peak). Only a hint, and bounded:
 * a hostile ISIZE can ask for no more than deflate's maximum ratio (1032:1)
 * of the input, nor past the limit.
 */
function chunkSizeHint(gz: Uint8Array, maxBytes: number): number {
  if (gz.length < 18) return 64 * 1024;
  return Math.max(64 * 1024, Math.min(isizeHint(gz.subarray(gz.length - 4), gz.length, maxBytes) + 1, 2 ** 30));
}

/**
 * The decompressed size a gzip file's trailer announces (ISIZE, the last 4
 * bytes, mod 2^32), bounded by what the file could really hold: deflate
 * expands at most 1032:1, and never past the limit. Only ever a hint.
 */
export function isizeHint(trailer: Uint8Array, gzBytes: number, maxBytes: number): number {
  const isize = (trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) | (trailer[3] << 24)) >>> 0;
  return Math.min(isize, gzBytes * 1032, maxBytes);
}

function tooLarge(maxBytes: number): ProfileFormatError {
  return new ProfileFormatError(`decompressed size exceeds the limit of ${maxBytes} bytes`, 'gzip');
}
