import type { FlameTree } from '../../protocol/flame';
import { EdgeTable } from './edgeTable';

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

/**
 * Column store of nodes; children found through the edge table. Plain typed
 * arrays with one shared capacity rather than Growables: adding a node is
 * four stores (its values start at zero), on the path every frame of every
 * sample takes.
 */
export class TreeBuilder {
  private count = 0;
  private capacity: number;
  private parent: Int32Array;
  private key: Int32Array;
  private line: Int32Array;
  /** Weight of the sample that set each node's line: the heaviest path's line wins. */
  private lineWeight: Float64Array;
  private total: Float64Array;
  private self: Float64Array;
  private baseTotal?: Float64Array;
  private baseSelf?: Float64Array;
  private readonly edges: EdgeTable;

  /** `nodes`: the expected node count, when known, so columns and the edge table are sized once. */
  constructor(
    private readonly types: number,
    withBase = false,
    nodes = 1024,
  ) {
    const cap = (this.capacity = Math.max(16, nodes));
    this.parent = new Int32Array(cap);
    this.key = new Int32Array(cap);
    this.line = new Int32Array(cap);
    this.lineWeight = new Float64Array(cap);
    this.total = new Float64Array(cap * types);
    this.self = new Float64Array(cap * types);
    if (withBase) {
      this.baseTotal = new Float64Array(cap * types);
      this.baseSelf = new Float64Array(cap * types);
    }
    this.edges = new EdgeTable(cap);
    this.add(-1, -1, 0);
  }

  private add(parent: number, key: number, line: number): number {
    if (this.count === this.capacity) this.grow();
    const n = this.count++;
    this.parent[n] = parent;
    this.key[n] = key;
    this.line[n] = line;
    this.lineWeight[n] = -1;
    return n;
  }

  private grow(): void {
    const cap = (this.capacity *= 2);
    const t = this.types;
    this.parent = resized(this.parent, cap);
    this.key = resized(this.key, cap);
    this.line = resized(this.line, cap);
    this.lineWeight = resized(this.lineWeight, cap);
    this.total = resized(this.total, cap * t);
    this.self = resized(this.self, cap * t);
    if (this.baseTotal) this.baseTotal = resized(this.baseTotal, cap * t);
    if (this.baseSelf) this.baseSelf = resized(this.baseSelf, cap * t);
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
    if (weight > this.lineWeight[n]) {
      this.lineWeight[n] = weight;
      this.line[n] = line;
    }
    return n;
  }

  /** Whether (parent, key) exists; -1 when not. */
  find(parent: number, key: number): number {
    return this.edges.get(parent, key);
  }


  addTotal(node: number, values: ArrayLike<number>, at: number, base = false): void {
    const col = (base ? this.baseTotal : this.total)!;
    for (let t = 0; t < this.types; t++) col[node * this.types + t] += values[at + t];
  }

  addSelf(node: number, values: ArrayLike<number>, at: number, base = false): void {
    const col = (base ? this.baseSelf : this.self)!;
    for (let t = 0; t < this.types; t++) col[node * this.types + t] += values[at + t];
  }

  /** Reorders nodes into depth-first preorder with children sorted by name. */
  finish(sampleTypes: FlameTree['sampleTypes'], strings: KeyStrings): FlameTree {
    const n = this.count;
    const types = this.types;
    const parent = this.parent.subarray(0, n);
    const { key, line, total, self, baseTotal, baseSelf } = this;
    const rank = new Int32Array(n);
    for (let i = 1; i < n; i++) rank[i] = strings.rank(key[i]);
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
      tree.line[i] = line[old];
      if (old !== 0) {
        tree.name[i] = strings.name(key[old]);
        tree.file[i] = strings.file(key[old]);
      }
    }
    permuteRows(self, tree.self, order, types);
    permuteRows(total, tree.total, order, types);
    if (baseTotal && tree.baseTotal) permuteRows(baseTotal, tree.baseTotal, order, types);
    if (baseSelf && tree.baseSelf) permuteRows(baseSelf, tree.baseSelf, order, types);
    return tree;
  }
}

function resized<T extends Int32Array | Float64Array>(a: T, n: number): T {
  const b = (a instanceof Int32Array ? new Int32Array(n) : new Float64Array(n)) as T;
  b.set(a);
  return b;
}

/** Row i of `to` = row order[i] of `from`, rows of `width` values. */
function permuteRows(from: Float64Array, to: Float64Array, order: Int32Array, width: number): void {
  for (let i = 0; i < order.length; i++) {
    const a = order[i] * width;
    const b = i * width;
    for (let t = 0; t < width; t++) to[b + t] = from[a + t];
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

/**
 * Children per node, CSR-style, each list sorted by rank. Two counting
 * passes instead of a comparison sort per list: nodes in rank order, then
 * dealt to their parents' lists in that order (ties keep node order, as the
 * stable sort did). Ranks are small integers (one per function).
 */
function childLists(parent: Int32Array, rank: Int32Array): { start: Int32Array; list: Int32Array } {
  const n = parent.length;
  const start = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) start[parent[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(Math.max(0, n - 1));
  // An index loop: for…of over a typed array measured 3× slower here.
  const ordered = byRank(rank);
  for (let j = 0; j < ordered.length; j++) {
    const i = ordered[j];
    list[fill[parent[i]]++] = i;
  }
  return { start, list };
}

/** Nodes 1..n-1 ordered by rank, stably (counting sort). */
function byRank(rank: Int32Array): Int32Array {
  const n = rank.length;
  let max = 0;
  for (let i = 1; i < n; i++) if (rank[i] > max) max = rank[i];
  const at = new Int32Array(max + 2);
  for (let i = 1; i < n; i++) at[rank[i] + 1]++;
  for (let r = 0; r <= max; r++) at[r + 1] += at[r];
  const out = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) out[at[rank[i]]++] = i;
  return out;
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
