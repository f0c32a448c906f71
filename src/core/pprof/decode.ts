import { asFormatError, ProfileFormatError } from './errors';
import { DEFAULT_MAX_DECOMPRESSED, isGzip, pakoGunzip, type Gunzip } from './gunzip';
import { joinProfile } from './join';
import type { Profile } from './model';
import { readWireProfile } from './wire';

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
  const prefix = opts.source ? `${opts.source}: ` : '';
  try {
    const raw = isGzip(input) ? (opts.gunzip ?? pakoGunzip)(input, max) : input;
    if (raw.length > max) throw new ProfileFormatError(`size ${raw.length} exceeds the limit of ${max} bytes`, 'profile');
    if (raw.length === 0) throw new ProfileFormatError('empty input', 'profile');
    const profile = joinProfile(decodeWire(raw));
    if (profile.sampleTypes.length === 0) throw new ProfileFormatError('no sample types: not a pprof profile', 'profile');
    return profile;
  } catch (err) {
    const e = asFormatError(err, 'profile');
    if (!prefix) throw e;
    throw new ProfileFormatError(e.what, prefix + e.where, e.offset);
  }
}

function decodeWire(raw: Uint8Array) {
  try {
    return readWireProfile(raw);
  } catch (err) {
    throw asFormatError(err, 'profile');
  }
}
