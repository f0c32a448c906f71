import type { Profile, ProfileLocation } from './model';

/**
 * Flat and cum values per key (a source line, a function, …) for every sample
 * type at once, as pprof computes them:
 *  - flat: the sample's value goes to the key of its leaf frame (the innermost
 *    line of the first location, so an inlined callee gets it, as in pprof);
 *  - cum: the value goes once to every distinct key on the stack, so recursion
 *    does not count a line twice.
 * Several granularities are computed in a single pass over the samples.
 */
export interface Granularity<K> {
  /** Key for frame j (innermost first) of a location, as a string for interning. */
  keyOf(loc: ProfileLocation, frame: number, p: Profile): string;
  /** Turns a key string back into the row object (called once per distinct key). */
  row(key: string, loc: ProfileLocation, frame: number, p: Profile): K;
}

export interface Table<K> {
  readonly rows: K[];
  /** Row of every frame: frames of location l are frameKey[frameStart[l] .. frameStart[l+1]). */
  readonly frameKey: Int32Array;
  readonly frameStart: Uint32Array;
  /** rows × types, row-major: flat[r * types + t]. */
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly types: number;
}

export interface Aggregation<K extends unknown[]> {
  readonly tables: { [I in keyof K]: Table<K[I]> };
  /** Sum of all sample values per type: the 100% for shares. */
  readonly totals: Float64Array;
}

interface Interned<K> {
  rows: K[];
  /** Key id of every frame, locations concatenated (see frameStart). */
  frameKey: Int32Array;
}

export function aggregate<K extends unknown[]>(
  p: Profile,
  grans: { [I in keyof K]: Granularity<K[I]> },
): Aggregation<K> {
  const frameStart = frameOffsets(p);
  const interned = (grans as Granularity<unknown>[]).map((g) => intern(p, g, frameStart));
  const types = p.sampleTypes.length;
  const flats = interned.map((t) => new Float64Array(t.rows.length * types));
  const cums = interned.map((t) => new Float64Array(t.rows.length * types));
  const seen = interned.map((t) => new Int32Array(t.rows.length).fill(-1));
  const totals = new Float64Array(types);
  const { values, locationStart, locations } = p.samples;

  for (let s = 0; s < p.samples.count; s++) {
    const v0 = s * types;
    for (let t = 0; t < types; t++) totals[t] += values[v0 + t];
    const first = locationStart[s];
    const last = locationStart[s + 1];
    if (first === last) continue;
    for (let g = 0; g < interned.length; g++) {
      const { frameKey } = interned[g];
      const flat = flats[g], cum = cums[g], stamp = seen[g];
      addValues(flat, frameKey[frameStart[locations[first]]] * types, values, v0, types);
      for (let i = first; i < last; i++) {
        const loc = locations[i];
        for (let f = frameStart[loc]; f < frameStart[loc + 1]; f++) {
          const k = frameKey[f];
          if (stamp[k] === s) continue;
          stamp[k] = s;
          addValues(cum, k * types, values, v0, types);
        }
      }
    }
  }
  const tables = interned.map((t, g) => ({ rows: t.rows, frameKey: t.frameKey, frameStart, flat: flats[g], cum: cums[g], types }));
  return { tables: tables as Aggregation<K>['tables'], totals };
}

function addValues(into: Float64Array, at: number, values: Float64Array, from: number, n: number): void {
  for (let t = 0; t < n; t++) into[at + t] += values[from + t];
}

/**
 * Start of each location's frames in the concatenated frame arrays. A location
 * without lines (not symbolized) still has one frame, named by its address.
 */
function frameOffsets(p: Profile): Uint32Array {
  const start = new Uint32Array(p.locations.length + 1);
  p.locations.forEach((l, i) => (start[i + 1] = start[i] + Math.max(1, l.lines.length)));
  return start;
}

function intern<K>(p: Profile, g: Granularity<K>, frameStart: Uint32Array): Interned<K> {
  const ids = new Map<string, number>();
  const rows: K[] = [];
  const frameKey = new Int32Array(frameStart[p.locations.length]);
  p.locations.forEach((loc, li) => {
    const n = Math.max(1, loc.lines.length);
    for (let j = 0; j < n; j++) {
      const key = g.keyOf(loc, j, p);
      let id = ids.get(key);
      if (id === undefined) {
        id = rows.length;
        ids.set(key, id);
        rows.push(g.row(key, loc, j, p));
      }
      frameKey[frameStart[li] + j] = id;
    }
  });
  return { rows, frameKey };
}

/** Row value helpers. */
export function flatOf<K>(t: Table<K>, row: number, type: number): number {
  return t.flat[row * t.types + type];
}

export function cumOf<K>(t: Table<K>, row: number, type: number): number {
  return t.cum[row * t.types + type];
}
