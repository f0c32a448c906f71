import type { LineStat, LineStatsResult } from '../protocol/types';
import { lineText, type TrackedDocument } from './documents';
import { countTypeIndex, type LoadedProfile } from './loadedProfile';

interface Values {
  flat: number;
  cum: number;
  flatCount: number;
  cumCount: number;
  base?: { flat: number; cum: number };
}

/**
 * Per-line values of the active sample type for one local file, moved to the
 * document's current lines when it is open and edited. With a base profile
 * the values are deltas (current − base) and carry the base values.
 */
export function lineStatsFor(lp: LoadedProfile, localFile: string, tracked?: TrackedDocument, base?: LoadedProfile): LineStatsResult | null {
  const type = lp.profile.sampleTypes[lp.sampleTypeIndex];
  const ct = countTypeIndex(lp);
  const current = valuesByLine(lp, localFile, lp.sampleTypeIndex, ct);
  const byLine = base ? deltas(current, valuesByLine(base, localFile, typeIn(base, type.type), ct < 0 ? -1 : typeIn(base, lp.profile.sampleTypes[ct].type))) : current;
  if (!byLine) return null;
  const lines: LineStat[] = [];
  const withCounts = ct >= 0;
  if (tracked) {
    tracked.origins.origins().forEach((origin, j) => {
      const v = origin >= 0 ? byLine.get(origin) : undefined;
      if (v) lines.push(stat(j, v, withCounts, tracked.origins.isStale(j, lineText(tracked.doc, j))));
    });
  } else {
    for (const [line, v] of byLine) lines.push(stat(line, v, withCounts, false));
  }
  return {
    profileId: lp.id,
    profileName: lp.path.replace(/^.*[\\/]/, ''),
    sampleType: { type: type.type, unit: type.unit },
    countType: ct >= 0 ? { ...lp.profile.sampleTypes[ct] } : undefined,
    total: lp.tables.totalOf(lp.sampleTypeIndex),
    lines,
    baseName: base ? base.path.replace(/^.*[\\/]/, '') : undefined,
  };
}

function typeIn(lp: LoadedProfile, name: string): number {
  return lp.profile.sampleTypes.findIndex((t) => t.type === name);
}

/** 0-based baseline line → summed values (several profile names may map to one file); undefined when the file is not in the profile. */
function valuesByLine(lp: LoadedProfile, localFile: string, type: number, ct: number): Map<number, Values> | undefined {
  const rows = lp.byLocalFile.get(localFile);
  if (!rows) return undefined;
  const t = lp.tables.fileLines;
  const out = new Map<number, Values>();
  if (type < 0) return out;
  const values = t.valuesOf(type, ct);
  const counts = ct >= 0 ? t.valuesOf(ct) : undefined;
  for (const { line, row } of rows) {
    const v = out.get(line - 1) ?? { flat: 0, cum: 0, flatCount: 0, cumCount: 0 };
    v.flat += values.flat[row];
    v.cum += values.cum[row];
    if (counts) {
      v.flatCount += counts.flat[row];
      v.cumCount += counts.cum[row];
    }
    if (v.flat !== 0 || v.cum !== 0) out.set(line - 1, v);
  }
  return out;
}

/** current − base on every line either has; undefined when neither profile covers the file. */
function deltas(current: Map<number, Values> | undefined, base: Map<number, Values> | undefined): Map<number, Values> | undefined {
  if (!current && !base) return undefined;
  const zero: Values = { flat: 0, cum: 0, flatCount: 0, cumCount: 0 };
  const out = new Map<number, Values>();
  for (const line of new Set([...(current?.keys() ?? []), ...(base?.keys() ?? [])])) {
    const c = current?.get(line) ?? zero;
    const b = base?.get(line) ?? zero;
    out.set(line, {
      flat: c.flat - b.flat,
      cum: c.cum - b.cum,
      flatCount: c.flatCount - b.flatCount,
      cumCount: c.cumCount - b.cumCount,
      base: { flat: b.flat, cum: b.cum },
    });
  }
  return out;
}

function stat(line: number, v: Values, withCounts: boolean, stale: boolean): LineStat {
  const s: LineStat = withCounts
    ? { line, flat: v.flat, cum: v.cum, flatCount: v.flatCount, cumCount: v.cumCount, stale }
    : { line, flat: v.flat, cum: v.cum, stale };
  if (v.base) s.base = v.base;
  return s;
}
