import { aggregate, type Table } from './aggregate';
import { byFileLine, byFunction, byLine, type FileLineRow, type FunctionRow, type LineRow } from './granularities';
import type { Profile } from './model';

/** Everything the views need from one profile, computed in one pass. */
export interface ProfileTables {
  readonly lines: Table<LineRow>;
  readonly functions: Table<FunctionRow>;
  readonly fileLines: Table<FileLineRow>;
  /** Sum of all sample values of a type: the 100% for shares. */
  totalOf(type: number): number;
}

export function buildTables(p: Profile): ProfileTables {
  const { tables, totalOf } = aggregate<[LineRow, FunctionRow, FileLineRow]>(p, [byLine, byFunction, byFileLine]);
  const [lines, functions, fileLines] = tables;
  return { lines, functions, fileLines, totalOf };
}

export interface RankedRow<K> {
  readonly row: K;
  readonly flat: number;
  readonly cum: number;
}

/**
 * Rows ordered as `go tool pprof -top` orders them (graph.FlatNameOrder /
 * CumNameOrder): by |flat| (or |cum|) descending, then by printable name,
 * then by the other value. Rows whose flat and cum are
 * both zero are left out, as pprof leaves them out.
 */
export function rankRows<K>(
  t: Table<K>,
  type: number,
  opts: { sort?: 'flat' | 'cum'; limit?: number; name?: (row: K) => string } = {},
): RankedRow<K>[] {
  const out: RankedRow<K>[] = [];
  const v = t.valuesOf(type);
  for (let r = 0; r < t.rows.length; r++) {
    const flat = v.flat[r];
    const cum = v.cum[r];
    if (flat !== 0 || cum !== 0) out.push({ row: t.rows[r], flat, cum });
  }
  const key = opts.sort === 'cum' ? 'cum' : 'flat';
  const other = key === 'cum' ? 'flat' : 'cum';
  const name = opts.name ?? (() => '');
  out.sort((a, b) => Math.abs(b[key]) - Math.abs(a[key]) || compareText(name(a.row), name(b.row)) || Math.abs(b[other]) - Math.abs(a[other]));
  return opts.limit && opts.limit > 0 ? out.slice(0, opts.limit) : out;
}

/** Line-level rows of one profile file, by line number. */
export interface FileLineValues {
  readonly line: number;
  readonly row: number;
}

/** Profile file name → its annotated lines (rows into `fileLines`). */
export function indexByFile(t: Table<FileLineRow>): Map<string, FileLineValues[]> {
  const byFile = new Map<string, FileLineValues[]>();
  t.rows.forEach((r, row) => {
    if (!r.file || r.line <= 0) return;
    let list = byFile.get(r.file);
    if (!list) byFile.set(r.file, (list = []));
    list.push({ line: r.line, row });
  });
  for (const list of byFile.values()) list.sort((a, b) => a.line - b.line);
  return byFile;
}

/** Byte-wise order, as Go compares strings (localeCompare would not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
