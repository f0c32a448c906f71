import type { FlameTree } from '../../protocol/flame';
import type { Table } from './aggregate';
import type { FunctionRow } from './granularities';
import type { Profile } from './model';
import { StringTable, TreeBuilder, type KeyStrings } from './treeBuilder';

/**
 * Builds the flame graph tree of a profile: one node per function per call
 * path, with total and self values for every sample type. Frames come from
 * the per-function table's frame keys, so inlined functions are nodes of
 * their own (as in pprof) and unsymbolized PCs are named by address.
 */
export function buildFlameTree(p: Profile, functions: Table<FunctionRow>): FlameTree {
  const { values, locationStart, locations } = p.samples;
  // Nodes are at most the frames; on real profiles about half (2M of 4.9M on
  // the medium bench profile). Sizing once spares rehashing the edge table.
  const b = new TreeBuilder(p.sampleTypes.length, false, Math.min(locations.length >>> 1, 1 << 22));
  const { frameKey, frameStart } = functions;
  const frameLine = frameLines(p, frameStart);
  const types = p.sampleTypes.length;
  // A node's line is its line on the heaviest path, by the profile's default sample type.
  const weightType = p.defaultSampleTypeIndex;
  for (let s = 0; s < p.samples.count; s++) {
    const v0 = s * types;
    if (allZero(values, v0, types)) continue;
    let node = 0;
    const weight = Math.abs(values[v0 + weightType]);
    // Root first: locations are leaf first, frames within one innermost first.
    for (let i = locationStart[s + 1] - 1; i >= locationStart[s]; i--) {
      const loc = locations[i];
      for (let f = frameStart[loc + 1] - 1; f >= frameStart[loc]; f--) {
        node = b.child(node, frameKey[f], frameLine[f], weight);
      }
    }
    b.addSelf(node, values, v0);
  }
  // Totals once at the end rather than an addition per type on every frame.
  return b.finish(p.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })), functionStrings(functions), { totalsFromSelf: true });
}

function allZero(values: Float64Array, at: number, n: number): boolean {
  for (let t = 0; t < n; t++) if (values[at + t] !== 0) return false;
  return true;
}

/** Source line of every frame, in the same layout as the tables' frame keys. */
function frameLines(p: Profile, frameStart: Uint32Array): Int32Array {
  const out = new Int32Array(frameStart[p.locations.length]);
  p.locations.forEach((loc, l) => loc.lines.forEach((ln, j) => (out[frameStart[l] + j] = ln.line)));
  return out;
}

/** String tables for the tree, interned once per function row (not per node). */
function functionStrings(functions: Table<FunctionRow>): KeyStrings {
  const names = new StringTable('root');
  const files = new StringTable('');
  const name = functions.rows.map((r) => names.id(r.function));
  const file = functions.rows.map((r) => files.id(r.file));
  // Byte-wise name order (as Go sorts strings), computed once for sorting children.
  const sorted = functions.rows.map((_, i) => i).sort((a, b) => compare(functions.rows[a].function, functions.rows[b].function));
  const nameRank = new Int32Array(functions.rows.length);
  sorted.forEach((row, r) => (nameRank[row] = r));
  return { names: names.strings, files: files.strings, name: (k) => name[k], file: (k) => file[k], rank: (k) => nameRank[k] };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

