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
    const out = gunzipSync(gz, { maxOutputLength: Math.max(1, Math.min(maxBytes + 1, 2 ** 32)) });
    if (out.length > maxBytes) throw tooLarge(maxBytes);
    return out;
  } catch (err) {
    if (err instanceof ProfileFormatError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    if (e.code === 'Z_BUF_ERROR') throw new ProfileFormatError('truncated gzip data (unexpected end of file)', 'gzip');
    throw new ProfileFormatError(`corrupt gzip data (${e.message})`, 'gzip');
  }
};

function tooLarge(maxBytes: number): ProfileFormatError {
  return new ProfileFormatError(`decompressed size exceeds the limit of ${maxBytes} bytes`, 'gzip');
}
