import { formatShare, formatValue } from '../core/format/units';
import type { FunctionRow, LineRow } from '../core/pprof/granularities';
import type { Profile } from '../core/pprof/model';
import { buildTables, rankRows, type RankedRow } from '../core/pprof/tables';
import { pickSampleType } from './sampleTypeArg';
import { renderTable } from './table';

export interface TopOptions {
  sampleType?: string;
  granularity: 'lines' | 'functions';
  n?: number;
  sort: 'flat' | 'cum';
  json: boolean;
}

interface TopRow {
  file: string;
  line: number;
  function: string;
  flat: number;
  cum: number;
}

export function topCommand(p: Profile, file: string, opts: TopOptions): string {
  const type = pickSampleType(p, opts.sampleType);
  const tables = buildTables(p);
  const rows: TopRow[] =
    opts.granularity === 'lines'
      ? rankRows(tables.lines, type, { sort: opts.sort, name: lineName }).map(fromLine)
      : rankRows(tables.functions, type, { sort: opts.sort, name: (r) => r.function }).map(fromFunction);
  const shown = opts.n && opts.n > 0 ? rows.slice(0, opts.n) : rows;
  if (opts.json) return JSON.stringify(shown, null, 2);
  return textReport(p, file, type, tables.totalOf(type), rows.length, shown, opts.granularity);
}

function lineName(r: LineRow): string {
  return `${r.function} ${r.file}:${r.line}`;
}

function fromLine(r: RankedRow<LineRow>): TopRow {
  return { file: r.row.file, line: r.row.line, function: r.row.function, flat: r.flat, cum: r.cum };
}

function fromFunction(r: RankedRow<FunctionRow>): TopRow {
  return { file: r.row.file, line: r.row.startLine, function: r.row.function, flat: r.flat, cum: r.cum };
}

function textReport(
  p: Profile,
  file: string,
  type: number,
  total: number,
  count: number,
  rows: TopRow[],
  gran: TopOptions['granularity'],
): string {
  const { type: name, unit } = p.sampleTypes[type];
  let sum = 0;
  const cells = rows.map((r) => {
    sum += r.flat;
    const where = gran === 'lines' ? `${r.function} ${r.file}:${r.line}` : r.function;
    return [
      formatValue(r.flat, unit), formatShare(r.flat, total), formatShare(sum, total),
      formatValue(r.cum, unit), formatShare(r.cum, total), where,
    ];
  });
  const head = [
    `File: ${file}`,
    `Type: ${name} (${unit})`,
    `Showing ${rows.length} of ${count} ${gran}, total ${formatValue(total, unit)}`,
  ];
  if (p.inexactValues > 0) head.push(`Warning: ${p.inexactValues} values exceed 2^53 and are approximate`);
  return [...head, renderTable(['flat', 'flat%', 'sum%', 'cum', 'cum%', ''], cells)].join('\n');
}
