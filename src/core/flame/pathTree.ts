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

type Column = 'total' | 'self' | 'baseTotal' | 'baseSelf';

/**
 * Builds a tree of call paths over a source tree's frames: child(parent, s)
 * finds or adds the child of `parent` named like source node s, so paths
 * that differ only in hidden frames merge. Values are added from source
 * nodes; finish() puts the nodes in preorder with children in name order,
 * as every FlameTree is.
 */
export class PathTreeBuilder {
  private readonly origin = new Growable(Int32Array);
  private readonly parent = new Growable(Int32Array);
  private readonly cols: Partial<Record<Column, Growable<Float64Array>>> = {};
  private readonly edges = new EdgeTable();
  private readonly types: number;

  constructor(
    private readonly src: FlameTree,
    rootOrigin: number,
  ) {
    this.types = src.sampleTypes.length;
    const withBase = !!(src.baseTotal && src.baseSelf);
    for (const c of ['total', 'self', ...(withBase ? ['baseTotal', 'baseSelf'] : [])] as Column[]) this.cols[c] = new Growable(Float64Array);
    this.add(-1, rootOrigin);
  }

  get length(): number {
    return this.parent.length;
  }

  private add(parent: number, origin: number): number {
    const n = this.parent.length;
    this.parent.push(parent);
    this.origin.push(origin);
    for (const col of Object.values(this.cols)) for (let t = 0; t < this.types; t++) col.push(0);
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
    this.addColumn('total', 'total', node, s);
    this.addColumn('baseTotal', 'baseTotal', node, s);
  }

  addSelf(node: number, s: number): void {
    this.addColumn('self', 'self', node, s);
    this.addColumn('baseSelf', 'baseSelf', node, s);
  }

  /** Adds source node s's total as node's self (where an inverted path ends). */
  addTotalAsSelf(node: number, s: number): void {
    this.addColumn('self', 'total', node, s);
    this.addColumn('baseSelf', 'baseTotal', node, s);
  }

  private addColumn(to: Column, from: Column, node: number, s: number): void {
    const dst = this.cols[to]?.array();
    const src = this.src[from];
    if (!dst || !src) return;
    const t = this.types;
    for (let k = 0; k < t; k++) dst[node * t + k] += src[s * t + k];
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
    if (this.cols.baseTotal) {
      tree.baseTotal = new Float64Array(n * t);
      tree.baseSelf = new Float64Array(n * t);
    }
    const copies = (Object.keys(this.cols) as Column[]).map((c) => [this.cols[c]!.array(), tree[c]!] as const);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const old = order[i];
      const o = origin[old];
      out[i] = o;
      tree.parent[i] = i === 0 ? -1 : at[parent[old]];
      tree.depth[i] = i === 0 ? 0 : tree.depth[tree.parent[i]] + 1;
      tree.name[i] = src.name[o];
      tree.file[i] = src.file[o];
      tree.line[i] = src.line[o];
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
      for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) kids.push(c);
      if (kids.length > 1) kids.sort((a, b) => key(a) - key(b));
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
