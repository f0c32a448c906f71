import { formatShare, formatValue } from '../format/units';
import type { EscapeFinding } from './finding';
import { isHeapKind } from './kinds';

/** What a profile measured on one source line: a bytes type and its object count, flat (on the line itself) and cum (with what it calls). */
export interface LineMeasure {
  bytes: number;
  objects?: number;
  cumBytes: number;
  cumObjects?: number;
}

/** The part of a line's values an escape accounts for (see escapeSites). */
export interface SiteMeasure {
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

/**
 * A line's allocations as an escape there causes them: flat, except when the
 * escaping code was inlined into the line — the profile then charges the
 * bytes to the inlined function's line, and the caller's line holds them
 * only in its cum (which, for an inlined call, is exactly that call's).
 */
export function siteMeasure(m: LineMeasure, inlined: boolean): SiteMeasure {
  return inlined ? { bytes: m.cumBytes, objects: m.cumObjects } : { bytes: m.bytes, objects: m.objects };
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
 * heap, escapes to heap), with the bytes measured on that line (siteMeasure);
 * the costliest first, then by place. Without measurements every site has 0 bytes.
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
    byLine.set(key, { file: f.file, line: f.line, column: f.column, findings: [f], bytes: 0 });
  }
  for (const site of byLine.values()) {
    const m = info?.measure(site.file, site.line);
    if (!m) continue;
    const v = siteMeasure(m, site.findings.some((f) => f.inlinedFrom.length > 0));
    site.bytes = v.bytes;
    site.objects = v.objects;
  }
  return [...byLine.values()].sort((a, b) => b.bytes - a.bytes || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
}

/** "1.2 GB · 38 objs, 38% of alloc_space" (without objects when the profile has no count). */
export function measureLabel(m: SiteMeasure, info: Pick<MeasureInfo, 'sampleType' | 'total'>): string {
  const objs = m.objects === undefined ? '' : ` · ${formatValue(m.objects, 'count')} objs`;
  const share = formatShare(m.bytes, info.total);
  return `${formatValue(m.bytes, 'bytes')}${objs}${share ? `, ${share} of ${info.sampleType}` : ''}`;
}

/** The message a finding shows: the compiler's words, then what was measured on its line. */
export function findingLabel(f: EscapeFinding, info?: MeasureInfo): string {
  if (!info || !isHeapKind(f.kind)) return f.message;
  const line = info.measure(f.file, f.line);
  const m = line && siteMeasure(line, f.inlinedFrom.length > 0);
  return m && m.bytes !== 0 ? `${f.message} — ${measureLabel(m, info)}` : f.message;
}
