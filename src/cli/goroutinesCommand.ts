import { compareSnapshots, type GoroutineComparison, type GrowthRow } from '../core/goroutine/compare';
import type { GoroutineFrame } from '../core/goroutine/model';
import { loadGoroutineFile } from '../node/goroutineFile';
import { renderTable } from './table';

export interface GoroutinesOptions {
  json: boolean;
  /** Rows in the text table (default 20); JSON has every group. */
  n?: number;
  maxBytes?: number;
}

/**
 * `gomem goroutines OLD NEW [MORE…]`: which groups of goroutines grew
 * between snapshots (any mix of proto, debug=1 and debug=2 files), as a
 * table or JSON.
 */
export async function goroutinesCommand(files: readonly string[], opts: GoroutinesOptions): Promise<string> {
  const snaps = [];
  for (const f of files) snaps.push({ name: f, snapshot: await loadGoroutineFile(f, opts.maxBytes) });
  const cmp = compareSnapshots(snaps);
  return opts.json ? JSON.stringify(cmp, null, 2) : textReport(cmp, opts.n ?? 20);
}

function textReport(c: GoroutineComparison, n: number): string {
  const totals = c.snapshots.map((s) => `${s.total} (${s.name}, ${s.source})`).join(' → ');
  const lines = [`Goroutines: ${totals}; ${signed(c.totalDelta)} overall`, `Grouped by ${c.groupedBy === 'stack' ? 'stack' : 'stack, wait state and creator'}`];
  const grew = c.rows.filter((r) => r.delta > 0);
  if (!grew.length) lines.push('No group grew.');
  const shown = (grew.length ? grew : c.rows).slice(0, n);
  const rows = shown.map((r) => [signed(r.delta), r.counts.join(' → '), describeGroup(r)]);
  lines.push(renderTable(['delta', 'counts', 'group (top frame · creation site)'], rows));
  if (shown.length < c.rows.length) lines.push(`… ${c.rows.length - shown.length} more groups (--json for all)`);
  return lines.join('\n');
}

function describeGroup(r: GrowthRow): string {
  const top = r.frames[0] ? where(r.frames[0]) : '(no frames)';
  const state = r.state ? ` [${r.state}${r.wait && r.wait !== '< 1 min' ? `, ${r.wait}` : ''}]` : '';
  const site = r.creation ? ` · ${r.creation.kind === 'created-by' ? 'created by' : 'entry'} ${where(r.creation.frame)}` : '';
  return `${top}${state}${site}`;
}

function where(f: GoroutineFrame): string {
  return f.file ? `${f.function} ${f.file}:${f.line}` : f.function;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
