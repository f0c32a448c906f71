import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { decodeProfile, decodeProfileChunks } from '../core/pprof/decode';
import { ProfileFormatError } from '../core/pprof/errors';
import { DEFAULT_MAX_DECOMPRESSED, isGzip } from '../core/pprof/gunzip';
import type { Profile } from '../core/pprof/model';
import { gzipError, isizeHint } from './zlibGunzip';

/**
 * Reads and decodes a profile file; every failure is a ProfileFormatError
 * naming the file. Gzipped files (all Go writes) are inflated as a stream and
 * decoded as the bytes arrive: neither the compressed file nor the whole
 * protobuf is ever held, which is most of the peak memory of a load, and
 * zlib inflates on a worker thread while the decoder runs.
 */
export async function loadProfileFile(path: string, maxBytes = DEFAULT_MAX_DECOMPRESSED): Promise<Profile> {
  const { size, head, tail } = await peek(path, maxBytes);
  if (!isGzip(head)) return decodeProfile(await readWhole(path), { maxDecompressedBytes: maxBytes, source: path });
  return decodeProfileChunks(inflated(path), { maxDecompressedBytes: maxBytes, sizeHint: isizeHint(tail, size, maxBytes), source: path });
}

/** Size, first two and last four bytes of the file, checking it is a regular file within the limit. */
async function peek(path: string, maxBytes: number): Promise<{ size: number; head: Uint8Array; tail: Uint8Array }> {
  try {
    const fh = await open(path, 'r');
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new Error('not a regular file');
      // The compressed file cannot be larger than what it decompresses to, give or take headers.
      if (st.size > maxBytes + 1024) throw new Error(`file size ${st.size} exceeds the limit of ${maxBytes} bytes`);
      const head = new Uint8Array(2);
      const tail = new Uint8Array(4);
      await fh.read(head, 0, 2, 0);
      if (st.size >= 4) await fh.read(tail, 0, 4, st.size - 4);
      return { size: st.size, head, tail };
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw fileError(err, path);
  }
}

async function readWhole(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    throw fileError(err, path);
  }
}

/** The file's decompressed bytes in chunks; zlib errors become ProfileFormatErrors. */
async function* inflated(path: string): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('error', (err) => gunzip.destroy(fileError(err, path)));
  file.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } catch (err) {
    throw err instanceof ProfileFormatError ? err : gzipError(err);
  } finally {
    // Stopping early (a decode error, the size limit) ends the read too.
    file.destroy();
    gunzip.destroy();
  }
}

function fileError(err: unknown, path: string): ProfileFormatError {
  return new ProfileFormatError((err as Error).message.replace(/^[A-Z]+: /, ''), path);
}
