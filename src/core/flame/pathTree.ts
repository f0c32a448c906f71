import type { FlameTree } from '../../protocol/flame';
import { EdgeTable } from '../pprof/edgeTable';
import { Growable } from '../pprof/growable';

/**
 * A flame tree made from another one (focused, with frames hidden,
 * inverted), and for each of its nodes a node of the source tree it stands
 * for — the first one merged into it — so "open location" can still name a
 * node the extension host knows.
 */
export interface DerivedTree {
  tree: FlameTree;
  /** Source node of each node; null when the tree is the source itself. */
  origin: Int32Array | null;
}

export function originOf(d: DerivedTree, node: number): number {
  return d.origin ? d.origin[node] : node;
}

/**
 * Builds a tree of call paths over a source tree's frames: child(parent, s)
 * finds or adds the child of `parent` named like source node s, so paths
 * that differ only in hidden frames merge. Values are added from source
 * nodes; finish() puts the nodes in preorder with children in name order,
 * as every FlameTree is.
 */
export class PathTreeBuilder {
  private readonly origin: Growable<Int32Array>;
  private readonly parent: Growable<Int32Array>;
  private readonly total: Growable<Float64Array>;
  private readonly self: Growable<Float64Array>;
  private readonly baseTotal: Growable<Float64Array> | null;
  private readonly baseSelf: Growable<Float64Array> | null;
  private readonly edges: EdgeTable;
  private readonly types: number;

  /** `expected`: about how many nodes the tree will have (sizes the tables once instead of regrowing them). */
  constructor(
    private readonly src: FlameTree,
    rootOrigin: number,
    expected = 1024,
  ) {
    const t = (this.types = src.sampleTypes.length);
    const withBase = !!(src.baseTotal && src.baseSelf);
    this.origin = new Growable(Int32Array, expected);
    this.parent = new Growable(Int32Array, expected);
    this.total = new Growable(Float64Array, expected * t);
    this.self = new Growable(Float64Array, expected * t);
    this.baseTotal = withBase ? new Growable(Float64Array, expected * t) : null;
    this.baseSelf = withBase ? new Growable(Float64Array, expected * t) : null;
    this.edges = new EdgeTable(expected);
    this.add(-1, rootOrigin);
  }

  get length(): number {
    return this.parent.length;
  }

  private add(parent: number, origin: number): number {
    const n = this.parent.length;
    this.parent.push(parent);
    this.origin.push(origin);
    for (let t = 0; t < this.types; t++) {
      this.total.push(0);
      this.self.push(0);
      this.baseTotal?.push(0);
      this.baseSelf?.push(0);
    }
    return n;
  }

  /** The child of `parent` for source node s's function, added when new. */
  child(parent: number, s: number): number {
    const key = this.src.name[s];
    let n = this.edges.get(parent, key);
    if (n < 0) {
      n = this.add(parent, s);
      this.edges.set(parent, key, n);
    }
    return n;
  }

  /** Adds source node s's total (and base total) to node's total. */
  addTotal(node: number, s: number): void {
    this.addRow(this.total, this.src.total, node, s);
    this.addRow(this.baseTotal, this.src.baseTotal, node, s);
  }

  addSelf(node: number, s: number): void {
    this.addRow(this.self, this.src.self, node, s);
    this.addRow(this.baseSelf, this.src.baseSelf, node, s);
  }

  /** Adds source node s's total as node's self (where an inverted path ends). */
  addTotalAsSelf(node: number, s: number): void {
    this.addRow(this.self, this.src.total, node, s);
    this.addRow(this.baseSelf, this.src.baseTotal, node, s);
  }

  private addRow(to: Growable<Float64Array> | null, from: Float64Array | undefined, node: number, s: number): void {
    if (!to || !from) return;
    const dst = to.array();
    const t = this.types;
    for (let k = 0; k < t; k++) dst[node * t + k] += from[s * t + k];
  }

  finish(): DerivedTree {
    const n = this.parent.length;
    const parent = this.parent.array();
    const origin = this.origin.array();
    const order = this.preorder();
    const at = new Int32Array(n);
    for (let i = 0; i < n; i++) at[order[i]] = i;
    const t = this.types;
    const src = this.src;
    const tree: FlameTree = {
      sampleTypes: src.sampleTypes,
      names: src.names,
      files: src.files,
      parent: new Int32Array(n),
      depth: new Int32Array(n),
      name: new Int32Array(n),
      file: new Int32Array(n),
      line: new Int32Array(n),
      total: new Float64Array(n * t),
      self: new Float64Array(n * t),
    };
    const copies: [Float64Array, Float64Array][] = [
      [this.total.array(), tree.total],
      [this.self.array(), tree.self],
    ];
    if (this.baseTotal && this.baseSelf) {
      copies.push([this.baseTotal.array(), (tree.baseTotal = new Float64Array(n * t))], [this.baseSelf.array(), (tree.baseSelf = new Float64Array(n * t))]);
    }
    const out = new Int32Array(n);
    const { parent: par, depth, name, file, line } = tree;
    for (let i = 0; i < n; i++) {
      const old = order[i];
      const o = origin[old];
      out[i] = o;
      par[i] = i === 0 ? -1 : at[parent[old]];
      depth[i] = i === 0 ? 0 : depth[par[i]] + 1;
      name[i] = src.name[o];
      file[i] = src.file[o];
      line[i] = src.line[o];
      for (const [from, to] of copies) for (let k = 0; k < t; k++) to[i * t + k] = from[old * t + k];
    }
    return { tree, origin: out };
  }

  /** Node order of a depth-first walk, siblings by function name (byte-wise, as Go sorts). */
  private preorder(): Int32Array {
    const n = this.parent.length;
    const parent = this.parent.array();
    const origin = this.origin.array();
    const rank = nameRanks(this.src.names);
    const key = (node: number) => rank[this.src.name[origin[node]]];
    // Children as linked lists, then each list sorted when its parent is visited.
    const firstChild = new Int32Array(n).fill(-1);
    const nextSibling = new Int32Array(n).fill(-1);
    for (let i = n - 1; i > 0; i--) {
      nextSibling[i] = firstChild[parent[i]];
      firstChild[parent[i]] = i;
    }
    const order = new Int32Array(n);
    const stack = new Int32Array(n);
    const kids: number[] = [];
    let top = 0;
    let k = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      order[k++] = node;
      kids.length = 0;
      let sorted = true;
      for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) {
        if (kids.length && key(kids[kids.length - 1]) > key(c)) sorted = false;
        kids.push(c);
      }
      if (!sorted) kids.sort((a, b) => key(a) - key(b));
      for (let j = kids.length - 1; j >= 0; j--) stack[top++] = kids[j];
    }
    return order;
  }
}

/** Rank of every string in byte-wise order. */
function nameRanks(names: string[]): Int32Array {
  const ids = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const rank = new Int32Array(names.length);
  ids.forEach((id, r) => (rank[id] = r));
  return rank;
}
