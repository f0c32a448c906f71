import { Writer } from 'protobufjs/minimal';

/**
 * Writes perftools.profiles.Profile messages field by field, for tests that
 * need inputs Go never produces (negative values, huge addresses, broken
 * references). Every such file is also read by `go tool pprof` in the tests,
 * so Go's own reader stays the judge of what it means.
 */
export interface ProfileSpec {
  sampleTypes: [string, string][];
  samples: { locationIds: number[]; values: (number | bigint)[]; labels?: { key: string; str?: string; num?: number }[] }[];
  locations: { id: number; mappingId?: number; address?: bigint; lines: { functionId: number; line: number }[] }[];
  functions: { id: number; name: string; file: string; startLine?: number }[];
  mappings?: { id: number; start: bigint; limit: bigint; file: string }[];
  defaultSampleType?: string;
  timeNanos?: bigint;
  /** Put the string table first instead of last (both are legal). */
  stringsFirst?: boolean;
  /** Write repeated scalars unpacked (legal, some producers do). */
  unpacked?: boolean;
}

export function encodeProfile(spec: ProfileSpec): Uint8Array {
  const strings = [''];
  const str = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const w = Writer.create();
  const body = () => {
    for (const [type, unit] of spec.sampleTypes) w.uint32((1 << 3) | 2).fork().uint32(8).int64(str(type)).uint32(16).int64(str(unit)).ldelim();
    for (const s of spec.samples) writeSample(w, s, str, !!spec.unpacked);
    for (const m of spec.mappings ?? []) {
      w.uint32((3 << 3) | 2).fork().uint32(8).uint64(m.id).uint32(16).uint64(toLong(m.start)).uint32(24).uint64(toLong(m.limit)).uint32(40).int64(str(m.file)).ldelim();
    }
    for (const l of spec.locations) {
      w.uint32((4 << 3) | 2).fork().uint32(8).uint64(l.id);
      if (l.mappingId) w.uint32(16).uint64(l.mappingId);
      if (l.address !== undefined) w.uint32(24).uint64(toLong(l.address));
      for (const ln of l.lines) w.uint32((4 << 3) | 2).fork().uint32(8).uint64(ln.functionId).uint32(16).int64(ln.line).ldelim();
      w.ldelim();
    }
    for (const f of spec.functions) {
      w.uint32((5 << 3) | 2).fork().uint32(8).uint64(f.id).uint32(16).int64(str(f.name)).uint32(24).int64(str(f.name)).uint32(32).int64(str(f.file)).uint32(40).int64(f.startLine ?? 0).ldelim();
    }
    if (spec.timeNanos !== undefined) w.uint32(9 << 3).int64(toLong(spec.timeNanos));
    if (spec.defaultSampleType) w.uint32(14 << 3).int64(str(spec.defaultSampleType));
  };
  if (spec.stringsFirst) {
    // Strings must be known before writing them first: collect by a dry run.
    body();
    w.reset();
    for (const s of strings) w.uint32((6 << 3) | 2).string(s);
    body();
  } else {
    body();
    for (const s of strings) w.uint32((6 << 3) | 2).string(s);
  }
  return w.finish();
}

function writeSample(w: Writer, s: ProfileSpec['samples'][number], str: (s: string) => number, unpacked: boolean): void {
  w.uint32((2 << 3) | 2).fork();
  if (unpacked) {
    for (const id of s.locationIds) w.uint32(1 << 3).uint64(id);
    for (const v of s.values) w.uint32(2 << 3).int64(toLong(v));
  } else {
    w.uint32((1 << 3) | 2).fork();
    for (const id of s.locationIds) w.uint64(id);
    w.ldelim();
    w.uint32((2 << 3) | 2).fork();
    for (const v of s.values) w.int64(toLong(v));
    w.ldelim();
  }
  for (const l of s.labels ?? []) {
    w.uint32((3 << 3) | 2).fork().uint32(8).int64(str(l.key));
    if (l.str !== undefined) w.uint32(16).int64(str(l.str));
    if (l.num !== undefined) w.uint32(24).int64(l.num);
    w.ldelim();
  }
  w.ldelim();
}

/** protobufjs takes 64-bit values as {low, high} (LongBits-like) when they pass 2^53. */
function toLong(v: number | bigint): number | { low: number; high: number; unsigned: boolean } {
  const b = BigInt.asUintN(64, BigInt(v));
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  return { low: Number(b & 0xffffffffn) | 0, high: Number(b >> 32n) | 0, unsigned: true };
}
