import { GoroutineFormatError } from './errors';
import { snapshotOf, stackKey, type GoroutineFrame, type GoroutineGroup, type GoroutineSnapshot } from './model';
import { hideRuntimeFrames } from './runtimeFrames';
import { sampleLabels, type Profile } from '../pprof/model';

/**
 * Groups of a decoded goroutine (or goroutineleak) pprof profile: one sample
 * per distinct stack, its value the count. Inlined frames are expanded and
 * runtime frames at the leaf hidden, as the text forms print them, so the
 * same stack is the same group whichever form was captured.
 */
export function snapshotFromProfile(p: Profile, where = 'profile'): GoroutineSnapshot {
  const t = p.sampleTypes.findIndex((s) => s.unit === 'count');
  const profile = p.periodType?.type || p.sampleTypes[t]?.type || '';
  if (t < 0 || !/^goroutine(leak)?$/.test(profile)) {
    const types = p.sampleTypes.map((s) => `${s.type}/${s.unit}`).join(', ');
    throw new GoroutineFormatError(`not a goroutine profile (sample types: ${types || 'none'})`, where);
  }
  const groups: GoroutineGroup[] = [];
  for (let i = 0; i < p.samples.count; i++) {
    const count = p.samples.values[i * p.sampleTypes.length + t];
    if (count > 0) groups.push(group(p, i, count));
  }
  return snapshotOf('proto', profile, groups);
}

function group(p: Profile, i: number, count: number): GoroutineGroup {
  const frames = hideRuntimeFrames(sampleFrames(p, i));
  const labels = labelText(p, i);
  const stack = stackKey(frames);
  const entry = frames[frames.length - 1];
  return {
    key: labels ? `${stack}\nlabels ${labels}` : stack,
    count,
    frames,
    ...(entry ? { creation: { kind: 'entry' as const, frame: entry } } : {}),
    ...(labels ? { labels } : {}),
  };
}

/** Leaf first; a location's lines are innermost first already. */
function sampleFrames(p: Profile, i: number): GoroutineFrame[] {
  const s = p.samples;
  const frames: GoroutineFrame[] = [];
  for (let j = s.locationStart[i]; j < s.locationStart[i + 1]; j++) {
    const loc = p.locations[s.locations[j]];
    if (!loc.lines.length) frames.push({ function: `0x${loc.address.toString(16)}`, file: '', line: 0 });
    for (const ln of loc.lines) {
      const fn = p.functions[ln.functionIndex];
      frames.push({ function: fn?.name ?? '', file: fn?.filename ?? '', line: ln.line });
    }
  }
  return frames;
}

/** `{"k":"v", …}`, sorted by key, like debug=1's `# labels:` line; undefined without labels. */
function labelText(p: Profile, i: number): string | undefined {
  const labels = sampleLabels(p, i)
    .map((l) => `${JSON.stringify(l.key)}:${JSON.stringify(l.str ?? String(l.num))}`)
    .sort();
  return labels.length ? `{${labels.join(', ')}}` : undefined;
}
