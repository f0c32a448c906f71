import { walkTypes, type WalkKeys, type WalkValues } from './sampleWalk';
import type { Profile, ProfileLocation } from './model';

/**
 * Flat and cum values per key (a source line, a function, …), as pprof
 * computes them:
 *  - flat: the sample's value goes to the key of its leaf frame (the innermost
 *    line of the first location, so an inlined callee gets it, as in pprof);
 *  - cum: the value goes once to every distinct key on the stack, so recursion
 *    does not count a line twice.
 * Keys are interned at once (one pass over the locations, cheap); values are
 * computed per sample type on first use. A walk over every frame of every
 * sample is most of what opening a profile costs, and the editor shows one
 * sample type (and its object count) at a time: computing all four types
 * and every granularity up front made the medium bench profile's tables
 * 0.25 s instead of 0.05 s.
 */
export interface Granularity<K> {
  /** Key for frame j (innermost first) of a location, as a string for interning. */
  keyOf(loc: ProfileLocation, frame: number, p: Profile): string;
  /** Turns a key string back into the row object (called once per distinct key). */
  row(key: string, loc: ProfileLocation, frame: number, p: Profile): K;
}

/** Flat and cum of every row for one sample type. */
export type RowValues = WalkValues;

export interface Table<K> {
  readonly rows: K[];
  /** Row of every frame: frames of location l are frameKey[frameStart[l] .. frameStart[l+1]). */
  readonly frameKey: Int32Array;
  readonly frameStart: Uint32Array;
  /** Number of sample types. */
  readonly types: number;
  /**
   * Values of sample type `type`: one walk over the samples the first time,
   * kept after. `alongside` (a type the caller will ask for next, such as
   * the object count shown beside bytes) is computed in the same walk: the
   * walk's cost is reading each sample's stack, not the additions.
   */
  valuesOf(type: number, alongside?: number): RowValues;
}

interface Interned<K> {
  rows: K[];
  /** Key id of every frame, locations concatenated (see frameStart). */
  frameKey: Int32Array;
}

export interface Aggregation<K extends unknown[]> {
  readonly tables: { [I in keyof K]: Table<K[I]> };
  /** Sum of all sample values of a type: the 100% for shares. */
  totalOf(type: number): number;
}

export function aggregate<K extends unknown[]>(p: Profile, grans: { [I in keyof K]: Granularity<K[I]> }): Aggregation<K> {
  const frameStart = frameOffsets(p);
  const interned = (grans as Granularity<unknown>[]).map((g) => intern(p, g, frameStart));
  const totals = new Totals(p);
  const tables: Table<unknown>[] = [];
  interned.forEach((t, g) => {
    // A granularity whose keys are a relabelling of an earlier one's (file:line
    // ↔ function+line whenever no line holds two functions) has the same flat
    // and cum, permuted: copied instead of walked again.
    const same = firstBijection(interned.slice(0, g), t);
    const keys = same ? undefined : { frameKey: t.frameKey, frameStart, single: singleFrameKeys(t.frameKey, frameStart), rows: t.rows.length };
    const compute: Compute = same
      ? (a, b) => {
          const from = tables[same.from];
          const va = from.valuesOf(a, b);
          return [permuted(va, same.perm), permuted(from.valuesOf(b), same.perm)];
        }
      : (a, b) => accumulate(p, keys!, a, b, totals);
    tables.push(lazyTable(t, frameStart, p.sampleTypes.length, compute));
  });
  return { tables: tables as Aggregation<K>['tables'], totalOf: (type) => totals.of(checkType(type, p.sampleTypes.length)) };
}

/** Values of types a and b (b may equal a) from one walk. */
type Compute = (a: number, b: number) => [RowValues, RowValues];

function lazyTable<K>(t: Interned<K>, frameStart: Uint32Array, types: number, compute: Compute): Table<K> {
  const cache: (RowValues | undefined)[] = new Array(types);
  return {
    rows: t.rows,
    frameKey: t.frameKey,
    frameStart,
    types,
    valuesOf(type, alongside) {
      const hit = cache[checkType(type, types)];
      if (hit) return hit;
      const b = alongside !== undefined && alongside >= 0 && alongside < types && !cache[alongside] ? alongside : type;
      [cache[type], cache[b]] = compute(type, b);
      return cache[type]!;
    },
  };
}

function checkType(type: number, types: number): number {
  if (!(type >= 0 && type < types)) throw new RangeError(`sample type ${type} out of range (0..${types - 1})`);
  return type;
}

/**
 * Sum of every sample's value per type, on first use. A table walk reads
 * every sample's value of its types anyway and records their sums, so the
 * types on screen never take a pass of their own.
 */
class Totals {
  private readonly sums: Float64Array;
  private readonly known: Uint8Array;

  constructor(private readonly p: Profile) {
    this.sums = new Float64Array(p.sampleTypes.length);
    this.known = new Uint8Array(p.sampleTypes.length);
  }

  of(type: number): number {
    if (!this.known[type]) this.set(type, sumOf(this.p, type));
    return this.sums[type];
  }

  set(type: number, sum: number): void {
    this.sums[type] = sum;
    this.known[type] = 1;
  }
}

function sumOf(p: Profile, type: number): number {
  const types = p.sampleTypes.length;
  const { values, count } = p.samples;
  let sum = 0;
  for (let s = 0; s < count; s++) sum += values[s * types + type];
  return sum;
}

/**
 * Flat and cum of types a and b (b may be a): the walk over every frame (see
 * the top), in walk.wat. Two types share the walk because reading each
 * sample's stack, scattered over the biggest column, is what it costs.
 */
function accumulate(p: Profile, keys: WalkKeys, a: number, b: number, totals: Totals): [RowValues, RowValues] {
  const r = walkTypes(p.samples, p.sampleTypes.length, keys, a, b);
  totals.set(a, r.sumA);
  if (b !== a) totals.set(b, r.sumB);
  return [r.a, r.b];
}

/**
 * Key of each location that has exactly one frame (most: only inlining gives
 * a location more), −1 for the others. Saves the frame-range indirection per
 * frame: 1.4× on the medium bench profile's walk.
 */
function singleFrameKeys(frameKey: Int32Array, frameStart: Uint32Array): Int32Array {
  const n = frameStart.length - 1;
  const single = new Int32Array(n);
  for (let l = 0; l < n; l++) single[l] = frameStart[l + 1] - frameStart[l] === 1 ? frameKey[frameStart[l]] : -1;
  return single;
}

/** An earlier table whose keys map one to one onto `t`'s at every frame, with that mapping. */
function firstBijection(earlier: Interned<unknown>[], t: Interned<unknown>): { from: number; perm: Int32Array } | undefined {
  for (let h = 0; h < earlier.length; h++) {
    const perm = bijection(earlier[h].frameKey, earlier[h].rows.length, t.frameKey, t.rows.length);
    if (perm) return { from: h, perm };
  }
  return undefined;
}

/** perm[x] = y when key x of A and key y of B always stand on the same frames; else undefined. */
function bijection(a: Int32Array, na: number, b: Int32Array, nb: number): Int32Array | undefined {
  if (na !== nb) return undefined;
  const perm = new Int32Array(na).fill(-1);
  const back = new Int32Array(nb).fill(-1);
  for (let f = 0; f < a.length; f++) {
    const x = a[f], y = b[f];
    if (perm[x] === -1 && back[y] === -1) {
      perm[x] = y;
      back[y] = x;
    } else if (perm[x] !== y || back[y] !== x) return undefined;
  }
  return perm;
}

function permuted(from: RowValues, perm: Int32Array): RowValues {
  const flat = new Float64Array(perm.length);
  const cum = new Float64Array(perm.length);
  for (let r = 0; r < perm.length; r++) {
    flat[perm[r]] = from.flat[r];
    cum[perm[r]] = from.cum[r];
  }
  return { flat, cum };
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
