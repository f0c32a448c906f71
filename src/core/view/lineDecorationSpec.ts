import { countNoun, formatValue } from '../format/units';
import type { LineStat, LineStatsResult } from '../../protocol/types';

/**
 * What the editor should draw for one document, as plain data: the editor
 * layer turns it into decorations, and unit tests check it directly.
 */
export const HEAT_LEVELS = 5;

export interface LineDecoration {
  /** 0-based current line. */
  line: number;
  /** After-line text, e.g. "1.2 MB · 3.4k objs". */
  text: string;
  /** 1..HEAT_LEVELS for the background tint, 0 for none. */
  heat: number;
  stale: boolean;
  /** Hover text: the numbers behind the label. */
  detail: string;
}

export interface DecorationSpec {
  lines: LineDecoration[];
}

/**
 * A line with flat (self) allocation shows its own value; a line that only
 * calls into allocating code shows its cum value marked with "↳". The heat
 * tint scales to the hottest line of the document by |flat|, falling back to
 * |cum| when nothing in the file allocates itself.
 */
export function lineDecorationSpec(stats: LineStatsResult): DecorationSpec {
  const anyFlat = stats.lines.some((l) => l.flat !== 0);
  const weight = (l: LineStat) => Math.abs(anyFlat ? l.flat : l.cum);
  const max = Math.max(0, ...stats.lines.map(weight));
  return {
    lines: stats.lines.map((l) => ({
      line: l.line,
      text: lineLabel(l, stats),
      heat: max > 0 && weight(l) > 0 ? Math.max(1, Math.ceil((weight(l) / max) * HEAT_LEVELS)) : 0,
      stale: l.stale,
      detail: detail(l, stats),
    })),
  };
}

/** The after-line label: "6.25 MB · 100 objs", "↳ 22.5 kB" for call lines, "(stale)" when changed. */
export function lineLabel(l: LineStat, s: LineStatsResult): string {
  const own = l.flat !== 0;
  const v = own ? l.flat : l.cum;
  const count = own ? l.flatCount : l.cumCount;
  const sign = s.baseName && v > 0 ? '+' : '';
  let text = sign + formatValue(v, s.sampleType.unit);
  if (s.countType && count !== undefined && count !== 0) text += ` · ${s.baseName && count > 0 ? '+' : ''}${formatValue(count, 'count')} ${countNoun(s.countType.type)}`;
  if (s.baseName) text = `Δ ${text}`;
  if (!own) text = `↳ ${text}`;
  return l.stale ? `${text} (stale)` : text;
}

function detail(l: LineStat, s: LineStatsResult): string {
  const unit = s.sampleType.unit;
  const pct = (v: number) => (s.total ? ` (${((v / s.total) * 100).toFixed(2)}%)` : '');
  const parts = [
    `${s.sampleType.type} in ${s.profileName}`,
    `flat ${formatValue(l.flat, unit)}${pct(l.flat)} · cum ${formatValue(l.cum, unit)}${pct(l.cum)}`,
  ];
  if (s.countType && l.flatCount !== undefined) {
    parts.push(`${s.countType.type}: flat ${formatValue(l.flatCount, 'count')} · cum ${formatValue(l.cumCount ?? 0, 'count')}`);
  }
  if (l.base && s.baseName) parts.push(`compared with ${s.baseName}: flat ${formatValue(l.base.flat, unit)} → ${formatValue(l.base.flat + l.flat, unit)}`);
  if (l.stale) parts.push('This line changed since the profile was matched; the values may no longer apply.');
  return parts.join('\n');
}
