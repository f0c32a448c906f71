import { ProfileFormatError } from './errors';
import { adoptColumns, walkScratchBytes } from './sampleWalk';
import type { Profile, ProfileFunction, ProfileLocation, ProfileMapping, SampleTable, ValueType } from './model';
import type { IdArray, IdColumn } from './idColumn';
import type { WireLocation, WireMapping, WireProfile, WireSamples, WireValueType } from './wire';

/**
 * Second layer: resolves string indexes and joins ids to array indexes,
 * checking what google/pprof's CheckValid checks (ids non-zero and unique,
 * one value per sample type, every reference resolvable).
 */
export function joinProfile(w: WireProfile): Profile {
  const frames = w.locations.reduce((n, l) => n + Math.max(1, l.lines.length), 0);
  const wireSamples = w.samples.finish(walkScratchBytes(w.locations.length, frames));
  const str = stringLookup(w.strings);
  const sampleTypes = w.sampleTypes.map((v, i) => valueType(v, str, `sample_type[${i}]`));
  const functions = w.functions.map((f, i): ProfileFunction => {
    const where = `function[${i}]`;
    return {
      id: checkId(f.id, where),
      name: str(f.name, `${where}.name`),
      systemName: str(f.systemName, `${where}.system_name`),
      filename: str(f.filename, `${where}.filename`),
      startLine: f.startLine,
    };
  });
  const mappings = w.mappings.map((m, i) => mapping(m, str, `mapping[${i}]`));
  const functionIndex = indexById(functions, 'function');
  const mappingIndex = indexById(mappings, 'mapping');
  const locations = w.locations.map((l, i) => location(l, functionIndex, mappingIndex, `location[${i}]`));
  const samples = sampleTable(wireSamples, sampleTypes.length, indexById(locations, 'location'), locations.length);
  adoptColumns(samples, wireSamples.memory, wireSamples.scratch);
  checkLabelStrings(wireSamples, w.strings.length);
  return {
    sampleTypes,
    samples,
    locations,
    functions,
    mappings,
    strings: w.strings,
    dropFrames: str(w.dropFrames, 'drop_frames'),
    keepFrames: str(w.keepFrames, 'keep_frames'),
    timeNanos: w.timeNanos,
    durationNanos: w.durationNanos,
    periodType: w.periodType ? valueType(w.periodType, str, 'period_type') : undefined,
    period: w.period,
    comments: w.comments.map((c, i) => str(c, `comment[${i}]`)),
    defaultSampleTypeIndex: defaultSampleType(sampleTypes, str(w.defaultSampleType, 'default_sample_type')),
    docUrl: str(w.docUrl, 'doc_url'),
    inexactValues: w.inexactValues + wireSamples.inexact,
  };
}

type StringLookup = (index: number, where: string) => string;

function stringLookup(strings: string[]): StringLookup {
  if (strings.length > 0 && strings[0] !== '') {
    throw new ProfileFormatError(`string_table[0] must be "", found ${JSON.stringify(strings[0].slice(0, 40))}`, 'string_table');
  }
  return (index, where) => {
    if (index === 0) return '';
    if (!(index > 0 && index < strings.length)) {
      throw new ProfileFormatError(`string index ${index} out of range (table has ${strings.length})`, where);
    }
    return strings[index];
  };
}

function valueType(v: WireValueType, str: StringLookup, where: string): ValueType {
  return { type: str(v.type, `${where}.type`), unit: str(v.unit, `${where}.unit`) };
}

function mapping(m: WireMapping, str: StringLookup, where: string): ProfileMapping {
  return {
    id: checkId(m.id, where),
    memoryStart: m.memoryStart,
    memoryLimit: m.memoryLimit,
    fileOffset: m.fileOffset,
    filename: str(m.filename, `${where}.filename`),
    buildId: str(m.buildId, `${where}.build_id`),
    hasFunctions: m.flags[0],
    hasFilenames: m.flags[1],
    hasLineNumbers: m.flags[2],
    hasInlineFrames: m.flags[3],
  };
}

function location(
  l: WireLocation,
  functionIndex: IdIndex,
  mappingIndex: IdIndex,
  where: string,
): ProfileLocation {
  return {
    id: checkId(l.id, where),
    mappingIndex: l.mappingId === 0 ? -1 : mappingIndex(l.mappingId, `${where}.mapping_id`),
    address: l.address,
    lines: l.lines.map((ln, j) => ({
      functionIndex: functionIndex(ln.functionId, `${where}.line[${j}].function_id`),
      line: ln.line,
      column: ln.column,
    })),
    isFolded: l.isFolded,
  };
}

function checkId(id: number, where: string): number {
  if (!(id > 0 && Number.isSafeInteger(id))) throw new ProfileFormatError(`id must be a positive integer, found ${id}`, where);
  return id;
}

type IdIndex = ((id: number, where: string) => number) & {
  /** id → index table when ids are dense (-1 where absent), for hot loops. */
  dense?: Int32Array;
  /** True when item i has id i + 1 for every i. */
  identity?: boolean;
};

/**
 * id → array index. Producers number ids densely (Go: 1..n), so a flat
 * Int32Array is used when that fits, a Map otherwise.
 */
function indexById(items: readonly { id: number }[], what: string): IdIndex {
  let maxId = 0;
  for (const it of items) maxId = Math.max(maxId, it.id);
  if (maxId <= items.length * 4 + 1024) {
    const table = new Int32Array(maxId + 1).fill(-1);
    items.forEach((it, i) => {
      if (table[it.id] !== -1) throw new ProfileFormatError(`duplicate id ${it.id}`, `${what}[${i}]`);
      table[it.id] = i;
    });
    const lookup: IdIndex = (id, where) => {
      const i = id >= 0 && id < table.length ? table[id] : -1;
      if (i < 0) throw new ProfileFormatError(`${what} id ${id} does not exist`, where);
      return i;
    };
    lookup.dense = table;
    lookup.identity = items.every((it, i) => it.id === i + 1);
    return lookup;
  }
  const map = new Map<number, number>();
  items.forEach((it, i) => {
    if (map.has(it.id)) throw new ProfileFormatError(`duplicate id ${it.id}`, `${what}[${i}]`);
    map.set(it.id, i);
  });
  return (id, where) => {
    const i = map.get(id);
    if (i === undefined) throw new ProfileFormatError(`${what} id ${id} does not exist`, where);
    return i;
  };
}

function sampleTable(s: WireSamples, types: number, locationIndex: IdIndex, locationCount: number): SampleTable {
  if (s.count > 0 && s.valuesPerSample !== types) {
    const got = s.valuesPerSample < 0 ? 'differing numbers of values' : `${s.valuesPerSample} values`;
    throw new ProfileFormatError(`samples have ${got} but the profile has ${types} sample types`, 'sample');
  }
  const locations = locationIndexes(s.locationIds, locationIndex, locationCount);
  const hasLabels = s.labelKey.length > 0;
  return {
    count: s.count,
    values: s.values,
    locationStart: s.locationStart,
    locations,
    labelStart: hasLabels ? s.labelStart : undefined,
    labelKey: hasLabels ? s.labelKey : undefined,
    labelStr: hasLabels ? s.labelStr : undefined,
    labelNum: hasLabels ? s.labelNum : undefined,
    labelNumUnit: hasLabels ? s.labelNumUnit : undefined,
  };
}

/**
 * The location column as indexes into the location table. The column holds
 * id − 1 (see IdColumn), which already is the index when locations are
 * numbered 1..n in order and every id is in range: then nothing is done.
 * Otherwise ids become indexes in place (no second array for the biggest
 * column), 32-bit when there are too many locations for 16.
 */
function locationIndexes(col: IdColumn, locationIndex: IdIndex, locationCount: number): IdArray {
  if (col.length === 0) return col.data;
  // Every stored id − 1 under the count (id 0 is stored as zeroValue, never under it).
  if (locationIndex.identity && col.maxStored < Math.min(locationCount, col.zeroValue())) return col.data;
  if (locationCount > 0x10000) col.widen();
  const out = col.data; // rewritten in place: no second array for the biggest column
  const dense = locationIndex.dense;
  for (let i = 0; i < out.length; i++) {
    const id = col.idAt(i);
    const index = dense && id < dense.length ? dense[id] : -1;
    out[i] = index >= 0 ? index : locationIndex(id, 'sample.location_id');
  }
  return out;
}

/** Label keys, strings and units name strings: the decoder kept the range they span. */
function checkLabelStrings(s: WireSamples, n: number): void {
  if (s.labelKey.length === 0) return;
  const bad = s.labelStringMin < 0 ? s.labelStringMin : s.labelStringMax >= n ? s.labelStringMax : undefined;
  if (bad !== undefined) throw new ProfileFormatError(`string index ${bad} out of range (table has ${n})`, 'sample.label');
}

/** default_sample_type names a type; unset means the last one (pprof's rule). */
function defaultSampleType(types: readonly ValueType[], name: string): number {
  if (name) {
    const i = types.findIndex((t) => t.type === name);
    if (i >= 0) return i;
  }
  return Math.max(0, types.length - 1);
}
