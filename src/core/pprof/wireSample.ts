import { Growable } from './growable';
import { IdColumn } from './idColumn';
import { readInt64, readUint64 } from './varint';
import { messageEnd, repeated, scalar, skip, type WireReader } from './wireFields';

/**
 * The Sample message, nearly every byte of a profile: read straight into
 * columns. A heap profile has a sample per distinct stack, each with ~30
 * packed location ids, a few packed values and one label, so this file is
 * the decoder's hot path: packed ids and values are read with the position
 * in a local and written straight into the columns' arrays.
 */
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
  /**
   * Smallest and largest string index a label named (key, str, num_unit),
   * as read, before the 32-bit columns could wrap them: the join checks the
   * range once instead of walking three columns.
   */
  labelStringMin: number;
  labelStringMax: number;
}

/**
 * `inputBytes` bounds the number of location ids (see IdColumn). The other
 * columns start at a share of it that covers real profiles (a sample takes
 * far more than 8 bytes), so they are allocated once: as with the id column
 * the untouched tail is never resident, and each doubling would copy the
 * column and keep the old copy until a GC (on the 110 MB bench profile that
 * garbage put the peak past 3× the raw size).
 */
export function emptyWireSamples(inputBytes: number): WireSamples {
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
    labelStringMin: 0,
    labelStringMax: 0,
  };
  samples.locationStart.push(0);
  samples.labelStart.push(0);
  return samples;
}

/** Reads one Sample message ending at `end` into the columns of `s`. */
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
    } else if (field === 2 && wt === 2) {
      values += readPackedValues(r, messageEnd(r, wt, 'sample.value'), s.values);
    } else if (field === 2) {
      s.values.push(scalar(r, wt, end, 'sample.value'));
      values++;
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
 * locations) are decoded inline into the column's array; longer ones, and a
 * varint cut by the field's end, go through readUint64 and the column's
 * checked push, and the inline loop resumes after them.
 */
function readPackedLocationIds(r: WireReader, e: number, col: IdColumn): void {
  const buf = r.buf;
  let pos = r.pos;
  col.reserve(e - pos); // at most one id per byte
  let data = col.data;
  let n = col.length;
  // Stored as id − 1 (id 0 as −1, which the store wraps to the column's
  // largest value: see IdColumn.maxStored). lo < 0 records that id 0 came.
  let lo = 0;
  let hi = col.maxStored;
  while (pos < e) {
    // Ids of one or two bytes without a branch on which: a mix of both is
    // the common case and a mispredicted branch per id cost more than the
    // arithmetic (measured: this loop 1.9× faster on the medium profile).
    const b0 = buf[pos];
    const two = b0 >>> 7;
    const b1 = pos + 1 < e ? buf[pos + 1] : 0x80;
    if ((two & (b1 >>> 7)) !== 0) {
      // Three bytes or more, or a varint cut by the field's end: the checked path.
      col.length = n;
      col.maxStored = lo < 0 ? col.zeroValue() : hi; // widen() must know id 0 came
      r.pos = pos;
      col.push(readUint64(buf, r, e), pos);
      ({ data, length: n, maxStored: hi } = col); // the push may have widened the column
      pos = r.pos;
      continue;
    }
    const v = ((b0 & 0x7f) | ((b1 & 0x7f) << 7) * two) - 1;
    data[n++] = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    pos += 1 + two;
  }
  col.length = n;
  col.maxStored = lo < 0 ? col.zeroValue() : hi;
  r.pos = pos;
}

/** Packed values into the values column (one byte inline, longer through readInt64); returns how many. */
function readPackedValues(r: WireReader, e: number, col: Growable<Float64Array>): number {
  const buf = r.buf;
  let pos = r.pos;
  col.reserve(e - pos); // at most one value per byte
  const data = col.array();
  const first = col.length;
  let n = first;
  while (pos < e) {
    const b0 = buf[pos];
    if (b0 < 0x80) {
      data[n++] = b0;
      pos++;
    } else {
      r.pos = pos;
      data[n++] = readInt64(buf, r, e);
      pos = r.pos;
    }
  }
  col.length = n;
  r.pos = pos;
  return n - first;
}

function readLabel(r: WireReader, end: number, s: WireSamples): void {
  const buf = r.buf;
  let key = 0, str = 0, num = 0, unit = 0;
  while (r.pos < end) {
    // Label's tags are one byte (fields 1–4, varints); protobufjs's uint32 is the fallback.
    let tag = buf[r.pos];
    if (tag < 0x80) r.pos++;
    else tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: key = scalar(r, wt, end, 'label.key'); break;
      case 2: str = scalar(r, wt, end, 'label.str'); break;
      case 3: num = scalar(r, wt, end, 'label.num'); break;
      case 4: unit = scalar(r, wt, end, 'label.num_unit'); break;
      default: skip(r, wt, end);
    }
  }
  const lo = Math.min(key, str, unit);
  const hi = Math.max(key, str, unit);
  if (lo < s.labelStringMin) s.labelStringMin = lo;
  if (hi > s.labelStringMax) s.labelStringMax = hi;
  appendLabel(s, key, str, num, unit);
}

/** One label into four columns, each array written directly (see Growable.reserve). */
function appendLabel(s: WireSamples, key: number, str: number, num: number, unit: number): void {
  const n = s.labelKey.length;
  s.labelKey.reserve(1);
  s.labelStr.reserve(1);
  s.labelNum.reserve(1);
  s.labelNumUnit.reserve(1);
  s.labelKey.array()[n] = key;
  s.labelStr.array()[n] = str;
  s.labelNum.array()[n] = num;
  s.labelNumUnit.array()[n] = unit;
  s.labelKey.length = s.labelStr.length = s.labelNum.length = s.labelNumUnit.length = n + 1;
}
