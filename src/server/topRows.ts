import { rankRows } from '../core/pprof/tables';
import type { TopRow, TopRowsParams, TopRowsResult } from '../protocol/types';
import { profileInfo, type LoadedProfile } from './loadedProfile';

/** The hottest lines or functions of a profile for its current sample type. */
export function topRows(lp: LoadedProfile, params: TopRowsParams): TopRowsResult {
  const type = lp.sampleTypeIndex;
  const limit = Math.max(1, Math.min(params.limit || 50, 1000));
  const rows: TopRow[] =
    params.granularity === 'lines'
      ? rankRows(lp.tables.lines, type, { limit, name: (r) => `${r.function} ${r.file}:${r.line}` }).map((r) => ({
          function: r.row.function, file: r.row.file, line: r.row.line, flat: r.flat, cum: r.cum,
          localPath: lp.localPathOf.get(r.row.file),
        }))
      : rankRows(lp.tables.functions, type, { limit, name: (r) => r.function }).map((r) => ({
          function: r.row.function, file: r.row.file, line: r.row.startLine, flat: r.flat, cum: r.cum,
          localPath: lp.localPathOf.get(r.row.file),
        }));
  return { profile: profileInfo(lp), total: lp.tables.totalOf(type), rows };
}
