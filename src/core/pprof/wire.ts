import { Reader } from 'protobufjs/minimal';
import { bigScalar, messageEnd, repeated, scalar, signedBigScalar, skip, type WireReader } from './wireFields';
import { SampleReader } from './sampleReader';

export type { WireReader } from './wireFields';
export type { WireSamples } from './sampleReader';

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

export interface WireProfile {
  sampleTypes: WireValueType[];
  /** Read into its own columns as they come; `finish()` gives them to the join. */
  samples: SampleReader;
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

const utf8 = new TextDecoder('utf-8');

/**
 * A reader over a plain Uint8Array view of `buf`, always of one shape. Node
 * hands out Buffers (zlib's chunks) and Uint8Arrays (joined chunks), and
 * protobufjs's Reader.create picks a different reader class for each: the
 * field readers then saw two maps and were deoptimized and recompiled
 * mid-load (--trace-deopt: "wrong map" in seven functions).
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
    case 2: readSampleField(r, p, messageEnd(r, wt, 'sample')); break;
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

/** A Sample field the reader's fast path left to this one (an unusual tag or length encoding). */
function readSampleField(r: WireReader, p: WireProfile, end: number): void {
  p.samples.readBody(r.buf, r.pos, end);
  r.pos = end;
}

/** `inputBytes`: the message size (or an upper bound), to size the sample columns once. */
export function emptyWireProfile(inputBytes: number): WireProfile {
  const samples = new SampleReader(inputBytes);
  return {
    sampleTypes: [], samples, mappings: [], locations: [], functions: [], strings: [],
    dropFrames: 0, keepFrames: 0, timeNanos: 0n, durationNanos: 0n, period: 0,
    comments: [], defaultSampleType: 0, docUrl: 0, inexactValues: 0,
  };
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

