import { readFile, stat } from 'node:fs/promises';
import { GoroutineFormatError } from '../core/goroutine/errors';
import type { GoroutineSnapshot } from '../core/goroutine/model';
import { readGoroutineSnapshot } from '../core/goroutine/readSnapshot';
import { DEFAULT_MAX_DECOMPRESSED } from '../core/pprof/gunzip';
import { zlibGunzip } from './zlibGunzip';

/**
 * Reads a goroutine profile in any of its forms (proto, debug=1, debug=2);
 * every failure is a GoroutineFormatError or ProfileFormatError naming the
 * file. Shared by the CLI and the language server.
 */
export async function loadGoroutineFile(path: string, maxBytes = DEFAULT_MAX_DECOMPRESSED): Promise<GoroutineSnapshot> {
  let bytes: Buffer;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > maxBytes) throw new Error(`file size ${st.size} exceeds the limit of ${maxBytes} bytes`);
    bytes = await readFile(path);
  } catch (err) {
    throw new GoroutineFormatError((err as Error).message.replace(/^[A-Z]+: /, ''), path);
  }
  return readGoroutineSnapshot(bytes, path, { gunzip: zlibGunzip, maxDecompressedBytes: maxBytes });
}
