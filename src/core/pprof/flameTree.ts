import type { FlameTree } from '../../protocol/flame';
import type { Table } from './aggregate';
import type { FunctionRow } from './granularities';
import type { Profile } from './model';
import { sampleStacks } from './sampleStacks';
import { stackTrie, type RankStrings } from './stackTrie';
import { StringTable } from './treeBuilder';

/**
 * Builds the flame graph tree of a profile: one node per function per call
 * path, with total and self values for every sample type. Frames come from
 * the per-function table's frame keys, so inlined functions are nodes of
 * their own (as in pprof) and unsymbolized PCs are named by address.
 */
export function buildFlameTree(p: Profile, functions: Table<FunctionRow>): FlameTree {
  const { frameKey, frameStart } = functions;
  const strings = functionStrings(functions);
  const stacks = sampleStacks(p, { frameKey, frameStart, frameLine: frameLines(p, frameStart) }, strings.rankOfKey);
  const sampleTypes = p.sampleTypes.map((t) => ({ type: t.type, unit: t.unit }));
  // A node's line is its line on the heaviest path, by the profile's default sample type.
  return stackTrie(stacks, p.samples.values, p.sampleTypes.length, p.defaultSampleTypeIndex, strings, sampleTypes);
}

/** Source line of every frame, in the same layout as the tables' frame keys. */
function frameLines(p: Profile, frameStart: Uint32Array): Int32Array {
  const out = new Int32Array(frameStart[p.locations.length]);
  p.locations.forEach((loc, l) => loc.lines.forEach((ln, j) => (out[frameStart[l] + j] = ln.line)));
  return out;
}

/** String tables for the tree, interned once per function row (not per node), and each row's rank in name order. */
function functionStrings(functions: Table<FunctionRow>): RankStrings & { rankOfKey: Int32Array } {
  const names = new StringTable('root');
  const files = new StringTable('');
  const rows = functions.rows;
  // Interned in row order, so the string tables keep their order.
  const name = rows.map((r) => names.id(r.function));
  const file = rows.map((r) => files.id(r.file));
  // Byte-wise name order (as Go sorts strings); the stable sort keeps row
  // order among equal names, so every row has a rank of its own and stacks
  // of ranks merge exactly where stacks of rows do.
  const sorted = rows.map((_, i) => i).sort((a, b) => compare(rows[a].function, rows[b].function));
  const rankOfKey = new Int32Array(rows.length);
  const nameOfRank = new Int32Array(rows.length);
  const fileOfRank = new Int32Array(rows.length);
  sorted.forEach((row, r) => {
    rankOfKey[row] = r;
    nameOfRank[r] = name[row];
    fileOfRank[r] = file[row];
  });
  return { names: names.strings, files: files.strings, rankOfKey, nameOfRank, fileOfRank };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

