import { asFormatError, ProfileFormatError } from './errors';
import { DEFAULT_MAX_DECOMPRESSED, isGzip, pakoGunzip, type Gunzip } from './gunzip';
import { joinProfile } from './join';
import type { Profile } from './model';
import type { WireProfile } from './wire';
import { WireStream } from './wireStream';

export interface DecodeOptions {
  /** Upper bound on the decompressed protobuf size; default 1 GiB. */
  maxDecompressedBytes?: number;
  /** Gunzip to use; defaults to pako. Node callers pass zlib (faster). */
  gunzip?: Gunzip;
  /** Name used in error messages (usually the file path). */
  source?: string;
}

/**
 * Decodes a pprof profile: gzip (detected by magic bytes) or raw protobuf in,
 * a resolved, validated model out. Every failure is a ProfileFormatError.
 */
export function decodeProfile(input: Uint8Array, opts: DecodeOptions = {}): Profile {
  const max = opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED;
  return named(opts.source, () => {
    const raw = isGzip(input) ? (opts.gunzip ?? pakoGunzip)(input, max) : input;
    checkSize(raw.length, max);
    if (raw.length === 0) throw new ProfileFormatError('empty input', 'profile');
    return resolve(wireOrError(() => wholeMessage(raw)));
  });
}

export interface StreamDecodeOptions {
  maxDecompressedBytes?: number;
  /** The decompressed size when known (gzip's ISIZE), to size columns once. */
  sizeHint?: number;
  source?: string;
}

/**
 * The same decode from decompressed chunks as they arrive (Node inflates the
 * file as a stream), so the whole protobuf never sits in memory at once: on
 * a 110 MB profile that is a third of the peak.
 */
export async function decodeProfileChunks(chunks: AsyncIterable<Uint8Array>, opts: StreamDecodeOptions = {}): Promise<Profile> {
  const max = opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED;
  return namedAsync(opts.source, async () => {
    const stream = new WireStream(Math.min(opts.sizeHint ?? 1 << 20, max));
    let total = 0;
    for await (const chunk of chunks) {
      total += chunk.length;
      checkSize(total, max);
      wireOrError(() => stream.push(chunk));
    }
    if (total === 0) throw new ProfileFormatError('empty input', 'profile');
    return resolve(wireOrError(() => stream.finish()));
  });
}

/** A whole message is one chunk of a stream: one reader for both (an incomplete last field is an error at finish). */
function wholeMessage(raw: Uint8Array): WireProfile {
  const stream = new WireStream(raw.length);
  stream.push(raw);
  return stream.finish();
}

function resolve(wire: WireProfile): Profile {
  const profile = joinProfile(wire);
  if (profile.sampleTypes.length === 0) throw new ProfileFormatError('no sample types: not a pprof profile', 'profile');
  return profile;
}

function checkSize(n: number, max: number): void {
  if (n > max) throw new ProfileFormatError(`size ${n} exceeds the limit of ${max} bytes`, 'profile');
}

function wireOrError<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw asFormatError(err, 'profile');
  }
}

/** Errors name the source (the file) in front of where they happened. */
function withSource(err: unknown, source: string | undefined): ProfileFormatError {
  const e = asFormatError(err, 'profile');
  return source ? new ProfileFormatError(e.what, `${source}: ${e.where}`, e.offset) : e;
}

function named<T>(source: string | undefined, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw withSource(err, source);
  }
}

async function namedAsync<T>(source: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw withSource(err, source);
  }
}
