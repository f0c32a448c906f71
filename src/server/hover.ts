import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver';
import { stacksInto, type StackInto } from '../core/pprof/stacksInto';
import { hoverMarkdown, type HoverFrame, type HoverValues } from '../core/view/hoverMarkdown';
import { lineText, type TrackedDocument } from './documents';
import { baselineLineOf } from './lineMapping';
import type { LoadedProfile } from './loadedProfile';

/**
 * Hover on an annotated line: its values for every sample type, average
 * object size, and the top call paths into it, each frame linking to source.
 */
export function hoverFor(lp: LoadedProfile, localFile: string, tracked: TrackedDocument | undefined, line: number): Hover | null {
  const baseline = baselineLineOf(tracked, line);
  if (baseline < 0) return null;
  const names = new Set(lp.profileNamesOf.get(localFile) ?? []);
  const values = valuesAt(lp, localFile, baseline + 1);
  if (!values.some((v) => v.flat !== 0 || v.cum !== 0)) return null;
  const lines = lp.tables.lines;
  const rows = new Set<number>();
  lines.rows.forEach((r, i) => {
    if (r.line === baseline + 1 && names.has(r.file)) rows.add(i);
  });
  const stacks = cachedStacks(lp, localFile, baseline, rows).map((s) => ({
    value: s.value,
    frames: s.path.map((k): HoverFrame => {
      const r = lines.rows[k];
      const local = lp.localPathOf.get(r.file);
      return { function: r.function, file: r.file, line: r.line, uri: local ? pathToFileURL(local).href : undefined };
    }),
  }));
  const stale = tracked ? tracked.origins.isStale(line, lineText(tracked.doc, line)) : false;
  const value = hoverMarkdown({
    profileName: lp.path.replace(/^.*[\\/]/, ''),
    activeType: lp.profile.sampleTypes[lp.sampleTypeIndex].type,
    values,
    stacks,
    stale,
  });
  return { contents: { kind: 'markdown', value } };
}

/**
 * Call paths into a line, per profile, line and sample type: the scan reads
 * every frame of every sample, so repeated hovers must not repeat it.
 */
const stackCache = new WeakMap<LoadedProfile, Map<string, StackInto[]>>();

function cachedStacks(lp: LoadedProfile, localFile: string, baseline: number, rows: Set<number>): StackInto[] {
  let perProfile = stackCache.get(lp);
  if (!perProfile) stackCache.set(lp, (perProfile = new Map()));
  const key = `${lp.sampleTypeIndex}\u0000${baseline}\u0000${localFile}`;
  let stacks = perProfile.get(key);
  if (!stacks) {
    if (perProfile.size > 256) perProfile.clear();
    perProfile.set(key, (stacks = stacksInto(lp.profile, lp.tables.lines, rows, lp.sampleTypeIndex)));
  }
  return stacks;
}

/** Flat and cum of one source line (1-based, baseline) for every sample type. */
function valuesAt(lp: LoadedProfile, localFile: string, line1: number): HoverValues[] {
  const t = lp.tables.fileLines;
  const rows = (lp.byLocalFile.get(localFile) ?? []).filter((r) => r.line === line1);
  return lp.profile.sampleTypes.map((st, i) => {
    let flat = 0, cum = 0;
    const v = t.valuesOf(i);
    for (const { row } of rows) {
      flat += v.flat[row];
      cum += v.cum[row];
    }
    return { type: st.type, unit: st.unit, flat, cum, total: lp.tables.totalOf(i) };
  });
}
