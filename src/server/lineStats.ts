import type { LineStat, LineStatsResult } from '../protocol/lsp';
import { lineText, type TrackedDocument } from './documents';
import { countTypeIndex, type LoadedProfile } from './loadedProfile';

interface Values {
  flat: number;
  cum: number;
  flatCount: number;
  cumCount: number;
}

/**
 * Per-line values of the active sample type for one local file, moved to the
 * document's current lines when it is open and edited.
 */
export function lineStatsFor(lp: LoadedProfile, localFile: string, tracked?: TrackedDocument): LineStatsResult | null {
  const rows = lp.byLocalFile.get(localFile);
  if (!rows) return null;
  const byLine = baselineValues(lp, rows);
  const lines: LineStat[] = [];
  if (tracked) {
    tracked.origins.origins().forEach((origin, j) => {
      const v = origin >= 0 ? byLine.get(origin) : undefined;
      if (v) lines.push(stat(j, v, countTypeIndex(lp) >= 0, tracked.origins.isStale(j, lineText(tracked.doc, j))));
    });
  } else {
    for (const [line, v] of byLine) lines.push(stat(line, v, countTypeIndex(lp) >= 0, false));
  }
  const t = lp.profile.sampleTypes[lp.sampleTypeIndex];
  const ct = countTypeIndex(lp);
  return {
    profileId: lp.id,
    profileName: lp.path.replace(/^.*[\\/]/, ''),
    sampleType: { type: t.type, unit: t.unit },
    countType: ct >= 0 ? { ...lp.profile.sampleTypes[ct] } : undefined,
    total: lp.tables.totals[lp.sampleTypeIndex],
    lines,
  };
}

/** 0-based baseline line → summed values (several profile names may map to one file). */
function baselineValues(lp: LoadedProfile, rows: { line: number; row: number }[]): Map<number, Values> {
  const t = lp.tables.fileLines;
  const type = lp.sampleTypeIndex;
  const ct = countTypeIndex(lp);
  const out = new Map<number, Values>();
  for (const { line, row } of rows) {
    const v = out.get(line - 1) ?? { flat: 0, cum: 0, flatCount: 0, cumCount: 0 };
    v.flat += t.flat[row * t.types + type];
    v.cum += t.cum[row * t.types + type];
    if (ct >= 0) {
      v.flatCount += t.flat[row * t.types + ct];
      v.cumCount += t.cum[row * t.types + ct];
    }
    if (v.flat !== 0 || v.cum !== 0) out.set(line - 1, v);
  }
  return out;
}

function stat(line: number, v: Values, withCounts: boolean, stale: boolean): LineStat {
  return withCounts
    ? { line, flat: v.flat, cum: v.cum, flatCount: v.flatCount, cumCount: v.cumCount, stale }
    : { line, flat: v.flat, cum: v.cum, stale };
}
