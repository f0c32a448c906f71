import type { FlameTree } from '../../protocol/flame';
import type { Table } from './aggregate';
import type { FunctionRow } from './granularities';
import { EdgeTable } from './edgeTable';
import { Growable } from './growable';
import type { Profile } from './model';

/**
 * Builds the flame graph tree of a profile: one node per function per call
 * path, with total and self values for every sample type. Frames come from
 * the per-function table's frame keys, so inlined functions are nodes of
 * their own (as in pprof) and unsymbolized PCs are named by address.
 */
export function buildFlameTree(p: Profile, functions: Table<FunctionRow>): FlameTree {
  const b = new TreeBuilder(p.sampleTypes.length);
  const { values, locationStart, locations } = p.samples;
  const { frameKey, frameStart } = functions;
  const frameLine = frameLines(p, frameStart);
  const types = p.sampleTypes.length;
  for (let s = 0; s < p.samples.count; s++) {
    const v0 = s * types;
    if (allZero(values, v0, types)) continue;
    let node = 0;
    b.addTotal(0, values, v0);
    // Root first: locations are leaf first, frames within one innermost first.
    for (let i = locationStart[s + 1] - 1; i >= locationStart[s]; i--) {
      const loc = locations[i];
      for (let f = frameStart[loc + 1] - 1; f >= frameStart[loc]; f--) {
        node = b.child(node, frameKey[f], frameLine[f]);
        b.addTotal(node, values, v0);
      }
    }
    b.addSelf(node, values, v0);
  }
  return b.finish(p, functions);
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

/** Column store of nodes; children found through the edge table. */
class TreeBuilder {
  private parent = new Growable(Int32Array);
  private key = new Growable(Int32Array);
  private line = new Growable(Int32Array);
  private total = new Growable(Float64Array);
  private self = new Growable(Float64Array);
  private readonly edges = new EdgeTable();

  constructor(private readonly types: number) {
    this.add(-1, -1, 0);
  }

  private add(parent: number, key: number, line: number): number {
    const n = this.parent.length;
    this.parent.push(parent);
    this.key.push(key);
    this.line.push(line);
    for (let t = 0; t < this.types; t++) {
      this.total.push(0);
      this.self.push(0);
    }
    return n;
  }

  child(parent: number, key: number, line: number): number {
    let n = this.edges.get(parent, key);
    if (n < 0) {
      n = this.add(parent, key, line);
      this.edges.set(parent, key, n);
    }
    return n;
  }

  addTotal(node: number, values: Float64Array, at: number): void {
    const total = this.total.array();
    for (let t = 0; t < this.types; t++) total[node * this.types + t] += values[at + t];
  }

  addSelf(node: number, values: Float64Array, at: number): void {
    const self = this.self.array();
    for (let t = 0; t < this.types; t++) self[node * this.types + t] += values[at + t];
  }

  /** Reorders nodes into depth-first preorder with children sorted by name. */
  finish(p: Profile, functions: Table<FunctionRow>): FlameTree {
    const parent = this.parent.finish();
    const key = this.key.finish();
    const line = this.line.finish();
    const total = this.total.finish();
    const self = this.self.finish();
    const n = parent.length;
    const types = this.types;
    const strings = functionStrings(functions);
    const rank = (node: number) => (node === 0 ? -1 : strings.nameRank[key[node]]);
    const order = preorder(childLists(parent, rank), n);
    const tree: FlameTree = {
      sampleTypes: p.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
      names: strings.names,
      files: strings.files,
      parent: new Int32Array(n),
      depth: new Int32Array(n),
      name: new Int32Array(n),
      file: new Int32Array(n),
      line: new Int32Array(n),
      total: new Float64Array(n * types),
      self: new Float64Array(n * types),
    };
    const newIndex = new Int32Array(n);
    for (let i = 0; i < n; i++) newIndex[order[i]] = i;
    for (let i = 0; i < n; i++) {
      const old = order[i];
      const par = parent[old];
      tree.parent[i] = par < 0 ? -1 : newIndex[par];
      tree.depth[i] = par < 0 ? 0 : tree.depth[newIndex[par]] + 1;
      tree.name[i] = old === 0 ? strings.rootName : strings.name[key[old]];
      tree.file[i] = old === 0 ? strings.noFile : strings.file[key[old]];
      tree.line[i] = line[old];
      for (let t = 0; t < types; t++) {
        tree.total[i * types + t] = total[old * types + t];
        tree.self[i * types + t] = self[old * types + t];
      }
    }
    return tree;
  }
}

/** String tables for the tree, interned once per function row (not per node). */
function functionStrings(functions: Table<FunctionRow>) {
  const names: string[] = ['root'];
  const files: string[] = [''];
  const nameIds = new Map<string, number>([['root', 0]]);
  const fileIds = new Map<string, number>([['', 0]]);
  const intern = (s: string, table: string[], ids: Map<string, number>) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = table.push(s) - 1));
    return i;
  };
  const name = functions.rows.map((r) => intern(r.function, names, nameIds));
  const file = functions.rows.map((r) => intern(r.file, files, fileIds));
  // Byte-wise name order (as Go sorts strings), computed once for sorting children.
  const sorted = functions.rows.map((_, i) => i).sort((a, b) => compare(functions.rows[a].function, functions.rows[b].function));
  const nameRank = new Int32Array(functions.rows.length);
  sorted.forEach((row, r) => (nameRank[row] = r));
  return { names, files, name, file, nameRank, rootName: 0, noFile: 0 };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Children per node, CSR-style, each list sorted by rank. */
function childLists(parent: Int32Array, rank: (n: number) => number): { start: Int32Array; list: Int32Array } {
  const n = parent.length;
  const start = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) start[parent[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) list[fill[parent[i]]++] = i;
  for (let i = 0; i < n; i++) {
    if (start[i + 1] - start[i] > 1) list.subarray(start[i], start[i + 1]).sort((a, b) => rank(a) - rank(b));
  }
  return { start, list };
}

/** Iterative preorder (trees can be thousands of levels deep under recursion). */
function preorder(c: { start: Int32Array; list: Int32Array }, n: number): Int32Array {
  const order = new Int32Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  let k = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    order[k++] = node;
    for (let i = c.start[node + 1] - 1; i >= c.start[node]; i--) stack[top++] = c.list[i];
  }
  if (k !== n) throw new Error('flame tree: unreachable nodes');
  return order;
}
