import { formatShare, formatValue } from '../format/units';
import type { EscapeFinding } from './finding';
import { isHeapKind } from './kinds';

/** What a profile measured on one source line: the flat value of a bytes type, and its object count. */
export interface LineMeasure {
  bytes: number;
  objects?: number;
}

/** How the measured values are named and scaled (the profile's sample type and its total). */
export interface MeasureInfo {
  /** "alloc_space" */
  sampleType: string;
  total: number;
  measure(file: string, line: number): LineMeasure | undefined;
}

/** A source line with heap escapes, and what was allocated there. */
export interface EscapeSite {
  file: string;
  line: number;
  /** The first escape's column (1-based, bytes). */
  column: number;
  findings: EscapeFinding[];
  bytes: number;
  objects?: number;
}

/**
 * Escape sites across findings, one per line with a heap escape (moved to
 * heap, escapes to heap), with the bytes measured on that line; the costliest
 * first, then by place. Without measurements every site has 0 bytes.
 */
export function escapeSites(findings: readonly EscapeFinding[], info?: MeasureInfo): EscapeSite[] {
  const byLine = new Map<string, EscapeSite>();
  for (const f of findings) {
    if (!isHeapKind(f.kind)) continue;
    const key = `${f.file}\0${f.line}`;
    const site = byLine.get(key);
    if (site) {
      site.findings.push(f);
      site.column = Math.min(site.column, f.column);
      continue;
    }
    const m = info?.measure(f.file, f.line);
    byLine.set(key, { file: f.file, line: f.line, column: f.column, findings: [f], bytes: m?.bytes ?? 0, objects: m?.objects });
  }
  return [...byLine.values()].sort((a, b) => b.bytes - a.bytes || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
}

/** "1.2 GB · 38 objs, 38% of alloc_space" (without objects when the profile has no count). */
export function measureLabel(m: LineMeasure, info: Pick<MeasureInfo, 'sampleType' | 'total'>): string {
  const objs = m.objects === undefined ? '' : ` · ${formatValue(m.objects, 'count')} objs`;
  const share = formatShare(m.bytes, info.total);
  return `${formatValue(m.bytes, 'bytes')}${objs}${share ? `, ${share} of ${info.sampleType}` : ''}`;
}

/** The message a finding shows: the compiler's words, then what was measured on its line. */
export function findingLabel(f: EscapeFinding, info?: MeasureInfo): string {
  if (!info || !isHeapKind(f.kind)) return f.message;
  const m = info.measure(f.file, f.line);
  return m && m.bytes !== 0 ? `${f.message} — ${measureLabel(m, info)}` : f.message;
}
