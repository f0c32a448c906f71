import type { ValueType } from '../pprof/model';
import { companionCountType, sampleTypeIndex } from '../pprof/sampleTypes';
import type { FileLineValues, ProfileTables } from '../pprof/tables';
import type { LineMeasure, MeasureInfo } from './siteCost';

/** What the join needs of a loaded profile (the server's LoadedProfile is one). */
export interface MeasuredProfile {
  readonly profile: { readonly sampleTypes: readonly ValueType[] };
  readonly sampleTypeIndex: number;
  readonly tables: Pick<ProfileTables, 'fileLines' | 'totalOf'>;
  /** Local file (real path) → rows of `tables.fileLines` for its lines. */
  readonly byLocalFile: ReadonlyMap<string, readonly FileLineValues[]>;
}

/**
 * What the active profile measured on each line, for escape sites: the flat
 * and cum alloc_space (and alloc_objects) of a heap profile, else the active sample
 * type when it counts bytes. Undefined for profiles without a bytes type
 * (CPU, block, …). Files are real local paths, as both sides key them.
 */
export function measureInfo(lp: MeasuredProfile | undefined): MeasureInfo | undefined {
  if (!lp) return undefined;
  const types = lp.profile.sampleTypes;
  let bytes = sampleTypeIndex(types, 'alloc_space');
  if (bytes < 0 && types[lp.sampleTypeIndex]?.unit === 'bytes') bytes = lp.sampleTypeIndex;
  if (bytes < 0) return undefined;
  const count = companionCountType(types, bytes);
  const perFile = new Map<string, Map<number, LineMeasure>>();
  const linesOf = (file: string): Map<number, LineMeasure> => {
    let lines = perFile.get(file);
    if (!lines) perFile.set(file, (lines = sumLines(lp, file, bytes, count)));
    return lines;
  };
  return { sampleType: types[bytes].type, total: lp.tables.totalOf(bytes), measure: (file, line) => linesOf(file).get(line) };
}

function sumLines(lp: MeasuredProfile, file: string, bytes: number, count: number): Map<number, LineMeasure> {
  const t = lp.tables.fileLines;
  const out = new Map<number, LineMeasure>();
  const b = t.valuesOf(bytes, count);
  const c = count >= 0 ? t.valuesOf(count) : undefined;
  for (const { line, row } of lp.byLocalFile.get(file) ?? []) {
    const m = out.get(line) ?? { bytes: 0, cumBytes: 0, objects: c ? 0 : undefined, cumObjects: c ? 0 : undefined };
    m.bytes += b.flat[row];
    m.cumBytes += b.cum[row];
    if (c) {
      m.objects = (m.objects ?? 0) + c.flat[row];
      m.cumObjects = (m.cumObjects ?? 0) + c.cum[row];
    }
    out.set(line, m);
  }
  return out;
}
