import { Reader } from 'protobufjs/minimal';
import { ProfileFormatError } from './errors';
import { Growable } from './growable';
import { IdColumn } from './idColumn';
import { readInt64, readInt64Big, readUint64, readUint64Big, type Cursor } from './varint';

/**
 * First layer of decoding (as in google/pprof's profile package): the
 * perftools.profiles.Profile message field by field, keeping ids and string
 * indexes as they are on the wire. `join.ts` resolves them afterwards, because
 * the string table and the location table may come after their users.
 *
 * Field numbers: github.com/google/pprof proto/profile.proto.
 */
export interface WireValueType {
  type: number;
  unit: number;
}

export interface WireFunction {
  id: number;
  name: number;
  systemName: number;
  filename: number;
  startLine: number;
}

export interface WireLine {
  functionId: number;
  line: number;
  column: number;
}

export interface WireLocation {
  id: number;
  mappingId: number;
  address: bigint;
  lines: WireLine[];
  isFolded: boolean;
}

export interface WireMapping {
  id: number;
  memoryStart: bigint;
  memoryLimit: bigint;
  fileOffset: bigint;
  filename: number;
  buildId: number;
  flags: [boolean, boolean, boolean, boolean];
}

export interface WireSamples {
  count: number;
  /** Values per sample, or -1 when samples disagree (an error once types are known). */
  valuesPerSample: number;
  values: Growable<Float64Array>;
  locationStart: Growable<Uint32Array>;
  locationIds: IdColumn;
  labelStart: Growable<Uint32Array>;
  labelKey: Growable<Int32Array>;
  labelStr: Growable<Int32Array>;
  labelNum: Growable<Float64Array>;
  labelNumUnit: Growable<Int32Array>;
}

export interface WireProfile {
  sampleTypes: WireValueType[];
  samples: WireSamples;
  mappings: WireMapping[];
  locations: WireLocation[];
  functions: WireFunction[];
  strings: string[];
  dropFrames: number;
  keepFrames: number;
  timeNanos: bigint;
  durationNanos: bigint;
  periodType?: WireValueType;
  period: number;
  comments: number[];
  defaultSampleType: number;
  docUrl: number;
  inexactValues: number;
}

export type WireReader = Reader & Cursor;

const utf8 = new TextDecoder('utf-8');

/** The whole message at once (the streaming form is WireStream in wireStream.ts). */
export function readWireProfile(buf: Uint8Array): WireProfile {
  const p = emptyWireProfile(buf.length);
  const r = wireReader(buf);
  while (r.pos < buf.length) readTopLevelField(r, p, buf.length);
  p.inexactValues = r.inexact;
  return p;
}

/**
 * A reader over a plain Uint8Array view of `buf`, always of one shape. Node
 * hands out Buffers (zlib's chunks) and Uint8Arrays (joined chunks), and
 * protobufjs's Reader.create picks a different reader class for each: the
 * hot functions then saw two maps and were deoptimized and recompiled
 * mid-load (--trace-deopt: "wrong map" in readSample, readPackedLocationIds
 * and five more).
 */
export function wireReader(buf: Uint8Array): WireReader {
  const r = new Reader(new Uint8Array(buf.buffer, buf.byteOffset, buf.length)) as WireReader;
  r.inexact = 0;
  return r;
}

/** Reads one field of the Profile message at r.pos; `end` bounds it. */
export function readTopLevelField(r: WireReader, p: WireProfile, end: number): void {
  const tag = r.uint32();
  const field = tag >>> 3;
  const wt = tag & 7;
  switch (field) {
    case 1: p.sampleTypes.push(readValueType(r, messageEnd(r, wt, 'sample_type'))); break;
    case 2: readSample(r, messageEnd(r, wt, 'sample'), p.samples); break;
    case 3: p.mappings.push(readMapping(r, messageEnd(r, wt, 'mapping'))); break;
    case 4: p.locations.push(readLocation(r, messageEnd(r, wt, 'location'))); break;
    case 5: p.functions.push(readFunction(r, messageEnd(r, wt, 'function'))); break;
    case 6: p.strings.push(readString(r, wt)); break;
    case 7: p.dropFrames = scalar(r, wt, end, 'drop_frames'); break;
    case 8: p.keepFrames = scalar(r, wt, end, 'keep_frames'); break;
    case 9: p.timeNanos = signedBigScalar(r, wt, end, 'time_nanos'); break;
    case 10: p.durationNanos = signedBigScalar(r, wt, end, 'duration_nanos'); break;
    case 11: p.periodType = readValueType(r, messageEnd(r, wt, 'period_type')); break;
    case 12: p.period = scalar(r, wt, end, 'period'); break;
    case 13: repeated(r, wt, end, 'comment', (v) => p.comments.push(v)); break;
    case 14: p.defaultSampleType = scalar(r, wt, end, 'default_sample_type'); break;
    case 15: p.docUrl = scalar(r, wt, end, 'doc_url'); break;
    default: skip(r, wt, end);
  }
}

/**
 * `inputBytes` bounds the number of location ids (see IdColumn). The other
 * columns start at a share of it that covers real profiles (a sample takes
 * far more than 8 bytes), so they are allocated once: as with the id column
 * the untouched tail is never resident, and each doubling would copy the
 * column and keep the old copy until a GC (on the 110 MB bench profile that
 * garbage put the peak past 3× the raw size).
 */
export function emptyWireProfile(inputBytes: number): WireProfile {
  const perSample = Math.max(1024, inputBytes >>> 3);
  const samples: WireSamples = {
    count: 0,
    valuesPerSample: Number.NaN,
    values: new Growable(Float64Array, perSample),
    locationStart: new Growable(Uint32Array, perSample),
    locationIds: new IdColumn(inputBytes),
    labelStart: new Growable(Uint32Array, perSample),
    labelKey: new Growable(Int32Array, perSample),
    labelStr: new Growable(Int32Array, perSample),
    labelNum: new Growable(Float64Array, perSample),
    labelNumUnit: new Growable(Int32Array, perSample),
  };
  samples.locationStart.push(0);
  samples.labelStart.push(0);
  return {
    sampleTypes: [], samples, mappings: [], locations: [], functions: [], strings: [],
    dropFrames: 0, keepFrames: 0, timeNanos: 0n, durationNanos: 0n, period: 0,
    comments: [], defaultSampleType: 0, docUrl: 0, inexactValues: 0,
  };
}

/** For a length-delimited field: checks the wire type and returns the end offset. */
function messageEnd(r: WireReader, wt: number, what: string): number {
  if (wt !== 2) throw new ProfileFormatError(`expected a message (wire type 2), found wire type ${wt}`, what, r.pos);
  const start = r.pos;
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) throw new ProfileFormatError(`truncated: ${len} bytes declared, ${r.len - r.pos} left`, what, start);
  return end;
}

/** The hot path: one Sample, its packed ids and values read straight into columns. */
export function readSample(r: WireReader, end: number, s: WireSamples): void {
  const buf = r.buf;
  let values = 0;
  while (r.pos < end) {
    // Every Sample tag is one byte (fields 1–3); protobufjs's uint32 is the fallback.
    let tag = buf[r.pos];
    if (tag < 0x80) r.pos++;
    else tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1 && wt === 2) {
      readPackedLocationIds(r, messageEnd(r, wt, 'sample.location_id'), s.locationIds);
    } else if (field === 1) {
      repeated(r, wt, end, 'sample.location_id', (id) => s.locationIds.push(id, r.pos));
    } else if (field === 2) {
      if (wt === 2) {
        const e = messageEnd(r, wt, 'sample.value');
        while (r.pos < e) {
          s.values.push(readInt64(buf, r, e));
          values++;
        }
      } else if (wt === 0) {
        s.values.push(readInt64(buf, r, end));
        values++;
      } else throw badWireType(r, wt, 'sample.value');
    } else if (field === 3) {
      readLabel(r, messageEnd(r, wt, 'sample.label'), s);
    } else skip(r, wt, end);
  }
  if (Number.isNaN(s.valuesPerSample)) s.valuesPerSample = values;
  else if (s.valuesPerSample !== values) s.valuesPerSample = -1;
  s.count++;
  s.locationStart.push(s.locationIds.length);
  s.labelStart.push(s.labelKey.length);
}

/**
 * The biggest column: ids of 1 or 2 bytes (every profile with under 16384
 * locations) are decoded inline into the column's array, longer ones through
 * readUint64 and the column's checked push.
 */
function readPackedLocationIds(r: WireReader, e: number, col: IdColumn): void {
  const buf = r.buf;
  let pos = r.pos;
  col.reserve(e - pos); // at most one id per byte
  let data = col.data;
  let n = col.length;
  let lo = col.minId;
  let hi = col.maxId;
  while (pos < e) {
    // Ids of one or two bytes without a branch on which: a mix of both is
    // the common case and a mispredicted branch per id cost more than the
    // arithmetic (measured: this loop 1.9× faster on the medium profile).
    const b0 = buf[pos];
    const two = b0 >>> 7;
    const b1 = pos + 1 < e ? buf[pos + 1] : 0x80;
    if ((two & (b1 >>> 7)) !== 0) {
      // Three bytes or more, or a varint cut by the field's end: the checked path.
      Object.assign(col, { length: n, minId: lo, maxId: hi });
      r.pos = pos;
      col.push(readUint64(buf, r, e), pos);
      ({ data, length: n, minId: lo, maxId: hi } = col);
      pos = r.pos;
      continue;
    }
    const id = (b0 & 0x7f) | ((b1 & 0x7f) << 7) * two;
    data[n++] = id - 1; // see IdColumn: stored as id − 1
    if (id < lo) lo = id;
    if (id > hi) hi = id;
    pos += 1 + two;
  }
  col.length = n;
  col.minId = lo;
  col.maxId = hi;
  r.pos = pos;
}

function readLabel(r: WireReader, end: number, s: WireSamples): void {
  let key = 0, str = 0, num = 0, unit = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: key = scalar(r, wt, end, 'label.key'); break;
      case 2: str = scalar(r, wt, end, 'label.str'); break;
      case 3: num = scalar(r, wt, end, 'label.num'); break;
      case 4: unit = scalar(r, wt, end, 'label.num_unit'); break;
      default: skip(r, wt, end);
    }
  }
  s.labelKey.push(key);
  s.labelStr.push(str);
  s.labelNum.push(num);
  s.labelNumUnit.push(unit);
}

function readValueType(r: WireReader, end: number): WireValueType {
  const v: WireValueType = { type: 0, unit: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: v.type = scalar(r, wt, end, 'value_type.type'); break;
      case 2: v.unit = scalar(r, wt, end, 'value_type.unit'); break;
      default: skip(r, wt, end);
    }
  }
  return v;
}

function readMapping(r: WireReader, end: number): WireMapping {
  const m: WireMapping = {
    id: 0, memoryStart: 0n, memoryLimit: 0n, fileOffset: 0n, filename: 0, buildId: 0,
    flags: [false, false, false, false],
  };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    switch (field) {
      case 1: m.id = scalar(r, wt, end, 'mapping.id'); break;
      case 2: m.memoryStart = bigScalar(r, wt, end, 'mapping.memory_start'); break;
      case 3: m.memoryLimit = bigScalar(r, wt, end, 'mapping.memory_limit'); break;
      case 4: m.fileOffset = bigScalar(r, wt, end, 'mapping.file_offset'); break;
      case 5: m.filename = scalar(r, wt, end, 'mapping.filename'); break;
      case 6: m.buildId = scalar(r, wt, end, 'mapping.build_id'); break;
      case 7: case 8: case 9: case 10:
        m.flags[field - 7] = scalar(r, wt, end, 'mapping.has_*') !== 0;
        break;
      default: skip(r, wt, end);
    }
  }
  return m;
}

function readLocation(r: WireReader, end: number): WireLocation {
  const l: WireLocation = { id: 0, mappingId: 0, address: 0n, lines: [], isFolded: false };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: l.id = scalar(r, wt, end, 'location.id'); break;
      case 2: l.mappingId = scalar(r, wt, end, 'location.mapping_id'); break;
      case 3: l.address = bigScalar(r, wt, end, 'location.address'); break;
      case 4: l.lines.push(readLine(r, messageEnd(r, wt, 'location.line'))); break;
      case 5: l.isFolded = scalar(r, wt, end, 'location.is_folded') !== 0; break;
      default: skip(r, wt, end);
    }
  }
  return l;
}

function readLine(r: WireReader, end: number): WireLine {
  const l: WireLine = { functionId: 0, line: 0, column: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: l.functionId = scalar(r, wt, end, 'line.function_id'); break;
      case 2: l.line = scalar(r, wt, end, 'line.line'); break;
      case 3: l.column = scalar(r, wt, end, 'line.column'); break;
      default: skip(r, wt, end);
    }
  }
  return l;
}

function readFunction(r: WireReader, end: number): WireFunction {
  const f: WireFunction = { id: 0, name: 0, systemName: 0, filename: 0, startLine: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: f.id = scalar(r, wt, end, 'function.id'); break;
      case 2: f.name = scalar(r, wt, end, 'function.name'); break;
      case 3: f.systemName = scalar(r, wt, end, 'function.system_name'); break;
      case 4: f.filename = scalar(r, wt, end, 'function.filename'); break;
      case 5: f.startLine = scalar(r, wt, end, 'function.start_line'); break;
      default: skip(r, wt, end);
    }
  }
  return f;
}

function readString(r: WireReader, wt: number): string {
  const end = messageEnd(r, wt, 'string_table');
  const s = utf8.decode(r.buf.subarray(r.pos, end));
  r.pos = end;
  return s;
}

/** A varint scalar (int64/uint64/bool) as a number; int64 sign kept. */
function scalar(r: WireReader, wt: number, end: number, what: string): number {
  if (wt !== 0) throw badWireType(r, wt, what);
  return readInt64(r.buf, r, end);
}

function bigScalar(r: WireReader, wt: number, end: number, what: string): bigint {
  if (wt !== 0) throw badWireType(r, wt, what);
  return readUint64Big(r.buf, r, end);
}

function signedBigScalar(r: WireReader, wt: number, end: number, what: string): bigint {
  if (wt !== 0) throw badWireType(r, wt, what);
  return readInt64Big(r.buf, r, end);
}

/** A repeated varint field, packed (wire type 2) or not (wire type 0). */
function repeated(r: WireReader, wt: number, end: number, what: string, push: (v: number) => void): void {
  if (wt === 0) {
    push(readUint64(r.buf, r, end));
    return;
  }
  const e = messageEnd(r, wt, what);
  while (r.pos < e) push(readUint64(r.buf, r, e));
}

function skip(r: WireReader, wt: number, end: number): void {
  const at = r.pos;
  if (wt === 3 || wt === 4) throw new ProfileFormatError(`unsupported group wire type ${wt}`, 'profile', at);
  r.skipType(wt);
  if (r.pos > end) throw new ProfileFormatError('field runs past the end of its message', 'profile', at);
}

function badWireType(r: WireReader, wt: number, what: string): ProfileFormatError {
  return new ProfileFormatError(`unexpected wire type ${wt}`, what, r.pos);
}
