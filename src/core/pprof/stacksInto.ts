import type { Table } from './aggregate';
import type { Profile } from './model';

/**
 * The call stacks that lead into a set of rows (e.g. one source line): for
 * every sample whose stack passes through one of `rows`, the frames from that
 * row up to the root, grouped by identical paths and summed for one sample
 * type. Answers "who calls into this allocation site, and how much each".
 */
export interface StackInto {
  /** Row ids from the matched frame (first) up to the root (last). */
  readonly path: number[];
  readonly value: number;
}

export function stacksInto<K>(p: Profile, t: Table<K>, rows: ReadonlySet<number>, type: number, limit = 5): StackInto[] {
  const { values, locationStart, locations } = p.samples;
  const types = p.sampleTypes.length;
  const groups = new Map<string, StackInto & { value: number }>();
  for (let s = 0; s < p.samples.count; s++) {
    const v = values[s * types + type];
    if (v === 0) continue;
    const path = pathFrom(t, rows, locations, locationStart[s], locationStart[s + 1]);
    if (!path) continue;
    const key = path.join(',');
    const g = groups.get(key);
    if (g) g.value += v;
    else groups.set(key, { path, value: v });
  }
  return [...groups.values()].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, limit);
}

/** Frames from the first (leaf-most) frame in `rows` to the root, or undefined. */
function pathFrom<K>(t: Table<K>, rows: ReadonlySet<number>, locations: Uint32Array, first: number, last: number): number[] | undefined {
  let path: number[] | undefined;
  for (let i = first; i < last; i++) {
    const loc = locations[i];
    for (let f = t.frameStart[loc]; f < t.frameStart[loc + 1]; f++) {
      const k = t.frameKey[f];
      if (path) path.push(k);
      else if (rows.has(k)) path = [k];
    }
  }
  return path;
}
