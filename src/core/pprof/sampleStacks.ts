import type { Profile } from './model';

/**
 * The non-zero samples' call stacks at function-frame granularity, root
 * first, flattened: stack k is rank/line[start[k] .. start[k+1]) and comes
 * from sample sample[k]. Frames are named by their key's rank (its place in
 * name order, one rank per key), so comparing two stacks frame by frame
 * orders them as the flame tree lays its nodes out.
 */
export interface SampleStacks {
  count: number;
  start: Int32Array;
  rank: Int32Array;
  line: Int32Array;
  sample: Int32Array;
}

/** A profile's frames: key and source line of each, location l's in frameStart[l] .. frameStart[l+1], innermost first. */
export interface Frames {
  frameKey: Int32Array;
  frameStart: Uint32Array;
  frameLine: Int32Array;
}

/** `rankOfKey` ranks the frame keys. */
export function sampleStacks(p: Profile, fr: Frames, rankOfKey: Int32Array): SampleStacks {
  const { values, locationStart, locations } = p.samples;
  const types = p.sampleTypes.length;
  const { frameKey, frameStart, frameLine } = fr;
  // Room for one frame per location; inlining adds a few, then the columns grow.
  let rank: Int32Array = new Int32Array(locations.length + 64);
  let line: Int32Array = new Int32Array(rank.length);
  const start = new Int32Array(p.samples.count + 1);
  const sample = new Int32Array(p.samples.count);
  let k = 0;
  let at = 0;
  for (let s = 0; s < p.samples.count; s++) {
    if (allZero(values, s * types, types)) continue;
    // Root first: locations are leaf first, frames within one innermost first.
    for (let i = locationStart[s + 1] - 1; i >= locationStart[s]; i--) {
      const loc = locations[i];
      if (at + frameStart[loc + 1] - frameStart[loc] > rank.length) {
        rank = grown(rank, at);
        line = grown(line, at);
      }
      for (let f = frameStart[loc + 1] - 1; f >= frameStart[loc]; f--) {
        rank[at] = rankOfKey[frameKey[f]];
        line[at++] = frameLine[f];
      }
    }
    sample[k++] = s;
    start[k] = at;
  }
  return { count: k, start, rank, line, sample };
}

/** A copy of a[0 .. used) with half again the room (inlined frames outnumber the locations). */
function grown(a: Int32Array, used: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.ceil(a.length * 1.5) + 64);
  b.set(a.subarray(0, used));
  return b;
}

function allZero(values: Float64Array, at: number, n: number): boolean {
  for (let t = 0; t < n; t++) if (values[at + t] !== 0) return false;
  return true;
}
