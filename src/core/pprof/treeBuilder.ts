import type { FlameTree } from '../../protocol/flame';
import { EdgeTable } from './edgeTable';
import { Growable } from './growable';

/**
 * Builds flame trees column-wise: nodes are (parent, key) pairs found
 * through an edge table, values accumulate per sample type, and `finish`
 * lays the nodes out in depth-first preorder with children sorted by name.
 * Keys are the caller's (a function row, an interned name+file pair).
 */
export interface KeyStrings {
  names: string[];
  files: string[];
  /** Index into names / files of a key; rank orders siblings. */
  name(key: number): number;
  file(key: number): number;
  rank(key: number): number;
}

/** Column store of nodes; children found through the edge table. */
export class TreeBuilder {
  private parent = new Growable(Int32Array);
  private key = new Growable(Int32Array);
  private line = new Growable(Int32Array);
  /** Weight of the sample that set each node's line: the heaviest path's line wins. */
  private lineWeight = new Growable(Float64Array);
  private total = new Growable(Float64Array);
  private self = new Growable(Float64Array);
  private baseTotal?: Growable<Float64Array>;
  private baseSelf?: Growable<Float64Array>;
  private readonly edges = new EdgeTable();

  constructor(
    private readonly types: number,
    withBase = false,
  ) {
    if (withBase) {
      this.baseTotal = new Growable(Float64Array);
      this.baseSelf = new Growable(Float64Array);
    }
    this.add(-1, -1, 0);
  }

  private add(parent: number, key: number, line: number): number {
    const n = this.parent.length;
    this.parent.push(parent);
    this.key.push(key);
    this.line.push(line);
    this.lineWeight.push(-1);
    for (let t = 0; t < this.types; t++) {
      this.total.push(0);
      this.self.push(0);
      this.baseTotal?.push(0);
      this.baseSelf?.push(0);
    }
    return n;
  }

  /**
   * The (parent, key) child, created when new. `line` is this path's line in
   * the node's function; it becomes the node's line when `weight` (the
   * sample's magnitude) is the largest seen for the node.
   */
  child(parent: number, key: number, line: number, weight = 0): number {
    let n = this.edges.get(parent, key);
    if (n < 0) {
      n = this.add(parent, key, line);
      this.edges.set(parent, key, n);
    }
    const w = this.lineWeight.array();
    if (weight > w[n]) {
      w[n] = weight;
      this.line.array()[n] = line;
    }
    return n;
  }

  /** Whether (parent, key) exists; -1 when not. */
  find(parent: number, key: number): number {
    return this.edges.get(parent, key);
  }


  addTotal(node: number, values: ArrayLike<number>, at: number, base = false): void {
    const col = (base ? this.baseTotal : this.total)!.array();
    for (let t = 0; t < this.types; t++) col[node * this.types + t] += values[at + t];
  }

  addSelf(node: number, values: ArrayLike<number>, at: number, base = false): void {
    const col = (base ? this.baseSelf : this.self)!.array();
    for (let t = 0; t < this.types; t++) col[node * this.types + t] += values[at + t];
  }

  /** Reorders nodes into depth-first preorder with children sorted by name. */
  finish(sampleTypes: FlameTree['sampleTypes'], strings: KeyStrings): FlameTree {
    const parent = this.parent.finish();
    const key = this.key.finish();
    const line = this.line.finish();
    const total = this.total.finish();
    const self = this.self.finish();
    const n = parent.length;
    const types = this.types;
    const baseTotal = this.baseTotal?.finish();
    const baseSelf = this.baseSelf?.finish();
    const rank = (node: number) => (node === 0 ? -1 : strings.rank(key[node]));
    const order = preorder(childLists(parent, rank), n);
    const tree: FlameTree = {
      sampleTypes,
      names: strings.names,
      files: strings.files,
      parent: new Int32Array(n),
      depth: new Int32Array(n),
      name: new Int32Array(n),
      file: new Int32Array(n),
      line: new Int32Array(n),
      total: new Float64Array(n * types),
      self: new Float64Array(n * types),
      baseTotal: baseTotal && new Float64Array(n * types),
      baseSelf: baseSelf && new Float64Array(n * types),
    };
    const newIndex = new Int32Array(n);
    for (let i = 0; i < n; i++) newIndex[order[i]] = i;
    for (let i = 0; i < n; i++) {
      const old = order[i];
      const par = parent[old];
      tree.parent[i] = par < 0 ? -1 : newIndex[par];
      tree.depth[i] = par < 0 ? 0 : tree.depth[newIndex[par]] + 1;
      tree.name[i] = old === 0 ? 0 : strings.name(key[old]);
      tree.file[i] = old === 0 ? 0 : strings.file(key[old]);
      tree.line[i] = line[old];
      for (let t = 0; t < types; t++) {
        tree.total[i * types + t] = total[old * types + t];
        tree.self[i * types + t] = self[old * types + t];
        if (tree.baseTotal && baseTotal) tree.baseTotal[i * types + t] = baseTotal[old * types + t];
        if (tree.baseSelf && baseSelf) tree.baseSelf[i * types + t] = baseSelf[old * types + t];
      }
    }
    return tree;
  }
}

/** A string table that hands out stable indexes; entry 0 is given at creation. */
export class StringTable {
  readonly strings: string[];
  private readonly ids: Map<string, number>;

  constructor(first: string) {
    this.strings = [first];
    this.ids = new Map([[first, 0]]);
  }

  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) this.ids.set(s, (i = this.strings.push(s) - 1));
    return i;
  }
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
