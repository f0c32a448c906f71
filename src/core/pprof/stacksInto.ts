import type { IdArray } from './idColumn';
import type { Table } from './aggregate';
import type { Profile } from './model';

/**
 * The call stacks that lead into a set of rows (e.g. one source line): for
 * every sample whose stack passes through one of `rows`, the frames from that
 * row up to the root, grouped by identical paths and summed for one sample
 * type. Answers "who calls into this allocation site, and how much each".
 *
 * Paths are grouped by a 53-bit hash of their frame rows computed while
 * walking (no per-sample array or string: a hot line in a million-sample
 * profile is matched by a million samples); each group keeps one sample to
 * rebuild its path from at the end.
 */
export interface StackInto {
  /** Row ids from the matched frame (first) up to the root (last). */
  readonly path: number[];
  readonly value: number;
}

export function stacksInto<K>(p: Profile, t: Table<K>, rows: ReadonlySet<number>, type: number, limit = 5): StackInto[] {
  const { values, locationStart, locations } = p.samples;
  const types = p.sampleTypes.length;
  const matches = locationMatches(p, t, rows);
  const groups = new Map<number, { value: number; sample: number }>();
  for (let s = 0; s < p.samples.count; s++) {
    const v = values[s * types + type];
    if (v === 0) continue;
    const key = pathHash(t, rows, matches, locations, locationStart[s], locationStart[s + 1]);
    if (key < 0) continue;
    const g = groups.get(key);
    if (g) g.value += v;
    else groups.set(key, { value: v, sample: s });
  }
  return [...groups.values()]
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, limit)
    .map((g) => ({ value: g.value, path: pathOf(t, rows, locations, locationStart[g.sample], locationStart[g.sample + 1])! }));
}

/** Per location: whether any of its frames is one of `rows` (a cheap pre-filter). */
function locationMatches<K>(p: Profile, t: Table<K>, rows: ReadonlySet<number>): Uint8Array {
  const m = new Uint8Array(p.locations.length);
  for (let l = 0; l < m.length; l++) {
    for (let f = t.frameStart[l]; f < t.frameStart[l + 1]; f++) if (rows.has(t.frameKey[f])) m[l] = 1;
  }
  return m;
}

/** Hash of the frame rows from the first matching frame to the root, or -1 when none matches. */
function pathHash<K>(t: Table<K>, rows: ReadonlySet<number>, matches: Uint8Array, locations: IdArray, first: number, last: number): number {
  let i = first;
  while (i < last && !matches[locations[i]]) i++;
  if (i === last) return -1;
  // Start at the matching frame itself (inlined frames before it in the same location are not part of the path).
  let f0 = t.frameStart[locations[i]];
  while (!rows.has(t.frameKey[f0])) f0++;
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x01000193 | 0;
  for (; i < last; i++) {
    const loc = locations[i];
    for (let f = f0 >= 0 ? f0 : t.frameStart[loc]; f < t.frameStart[loc + 1]; f++) {
      const k = t.frameKey[f];
      h1 = Math.imul(h1 ^ k, 0x01000193);
      h2 = Math.imul(h2 + k, 0x5bd1e995) ^ (h2 >>> 13);
    }
    f0 = -1;
  }
  // 32 + 21 bits: exact as a number, collisions negligible for the handful of paths shown.
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** Frame rows from the first (leaf-most) frame in `rows` to the root, or undefined. */
function pathOf<K>(t: Table<K>, rows: ReadonlySet<number>, locations: IdArray, first: number, last: number): number[] | undefined {
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
