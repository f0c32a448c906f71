import type { FlameTree } from '../../protocol/flame';
import { companionCountType } from '../pprof/sampleTypes';
import { countNoun, formatShare, formatValue } from '../format/units';

/** What the tooltip (and the screen-reader status) says about a frame. */
export interface FrameDescription {
  name: string;
  /** "file:line", or '' when the profile has no file. */
  location: string;
  /** Label and value rows, e.g. ["Total", "1.5 MB (12%)"]. */
  rows: [string, string][];
}

/**
 * Describes node `i` for sample type `t`: total and self with units and
 * their share of `whole` (the profile's total, so shares stay comparable
 * when focused or zoomed), the companion object count for heap profiles
 * (inuse_space → inuse_objects), and base → current (Δ, %) in a diff.
 */
export function describeFrame(tree: FlameTree, i: number, t: number, whole: number): FrameDescription {
  const types = tree.sampleTypes.length;
  const { unit } = tree.sampleTypes[t];
  const file = tree.files[tree.file[i]];
  const location = file ? `${file}${tree.line[i] > 0 ? `:${tree.line[i]}` : ''}` : '';
  const k = i * types + t;
  const rows: [string, string][] = [];
  if (tree.baseTotal && tree.baseSelf) {
    rows.push(['Total', change(tree.baseTotal[k], tree.total[k], unit)], ['Self', change(tree.baseSelf[k], tree.self[k], unit)]);
  } else {
    rows.push(['Total', withShare(tree.total[k], whole, unit)], ['Self', withShare(tree.self[k], whole, unit)]);
  }
  const c = companionCountType(tree.sampleTypes, t);
  if (c >= 0) {
    const ck = i * types + c;
    const noun = countNoun(tree.sampleTypes[c].type);
    const count = (v: number) => formatValue(v, tree.sampleTypes[c].unit);
    rows.push([noun === 'objs' ? 'Objects' : cap(noun), tree.baseTotal ? `${count(tree.baseTotal[ck])} → ${count(tree.total[ck])} total` : `${count(tree.total[ck])} total · ${count(tree.self[ck])} self`]);
  }
  return { name: tree.names[tree.name[i]], location, rows };
}

function withShare(v: number, whole: number, unit: string): string {
  const share = formatShare(v, whole);
  return share ? `${formatValue(v, unit)} (${share})` : formatValue(v, unit);
}

/** "1.2 MB → 3.4 MB (+2.2 MB, +183%)"; the percentage is left out when the base is 0. */
export function change(base: number, current: number, unit: string): string {
  const delta = current - base;
  const sign = delta > 0 ? '+' : '';
  const pct = base === 0 ? '' : `, ${sign}${formatShare(delta, Math.abs(base))}`;
  return `${formatValue(base, unit)} → ${formatValue(current, unit)} (${sign}${formatValue(delta, unit)}${pct})`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
