import { readFile, stat } from 'node:fs/promises';
import { decodeProfile } from '../core/pprof/decode';
import { ProfileFormatError } from '../core/pprof/errors';
import { DEFAULT_MAX_DECOMPRESSED } from '../core/pprof/gunzip';
import type { Profile } from '../core/pprof/model';
import { zlibGunzip } from './zlibGunzip';

/** Reads and decodes a profile file; every failure is a ProfileFormatError naming the file. */
export async function loadProfileFile(path: string, maxBytes = DEFAULT_MAX_DECOMPRESSED): Promise<Profile> {
  let bytes: Buffer;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a regular file');
    // The compressed file cannot be larger than what it decompresses to, give or take headers.
    if (st.size > maxBytes + 1024) throw new Error(`file size ${st.size} exceeds the limit of ${maxBytes} bytes`);
    bytes = await readFile(path);
  } catch (err) {
    throw new ProfileFormatError((err as Error).message.replace(/^[A-Z]+: /, ''), path);
  }
  return decodeProfile(bytes, { gunzip: zlibGunzip, maxDecompressedBytes: maxBytes, source: path });
}
