import type { FlameTree } from '../../protocol/flame';
import { TreeBuilder } from '../pprof/treeBuilder';

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
 * Builds a tree of call paths over a source tree's frames with the flame
 * tree builder the language server uses: child(parent, s) finds or adds the
 * child of `parent` named like source node s, so paths that differ only in
 * hidden frames merge; values are added from source nodes; finish() puts
 * the nodes in preorder with children in name order, as every FlameTree is.
 *
 * The builder keeps each node's first line through its reordering; here
 * that slot carries the node's first source node instead, and the line,
 * file and name are then taken from that source node.
 */
export class PathTreeBuilder {
  private readonly b: TreeBuilder;
  private readonly types: number;
  private readonly base: boolean;

  constructor(
    private readonly src: FlameTree,
    private readonly rootOrigin: number,
  ) {
    this.types = src.sampleTypes.length;
    this.base = !!(src.baseTotal && src.baseSelf);
    this.b = new TreeBuilder(this.types, this.base);
  }

  /** The child of `parent` for source node s's function, added when new. */
  child(parent: number, s: number): number {
    return this.b.child(parent, this.src.name[s], s);
  }

  /** Adds source node s's total (and base total) to node's total. */
  addTotal(node: number, s: number): void {
    this.b.addTotal(node, this.src.total, s * this.types);
    if (this.base) this.b.addTotal(node, this.src.baseTotal!, s * this.types, true);
  }

  addSelf(node: number, s: number): void {
    this.b.addSelf(node, this.src.self, s * this.types);
    if (this.base) this.b.addSelf(node, this.src.baseSelf!, s * this.types, true);
  }

  /** Adds source node s's total as node's self (where an inverted path ends). */
  addTotalAsSelf(node: number, s: number): void {
    this.b.addSelf(node, this.src.total, s * this.types);
    if (this.base) this.b.addSelf(node, this.src.baseTotal!, s * this.types, true);
  }

  finish(): DerivedTree {
    const src = this.src;
    const rank = nameRanks(src.names);
    const tree = this.b.finish(src.sampleTypes, { names: src.names, files: src.files, name: (k) => k, file: () => 0, rank: (k) => rank[k] });
    const origin = tree.line;
    origin[0] = this.rootOrigin;
    const line = new Int32Array(origin.length);
    for (let i = 0; i < origin.length; i++) {
      line[i] = src.line[origin[i]];
      tree.file[i] = src.file[origin[i]];
    }
    tree.name[0] = src.name[this.rootOrigin];
    tree.line = line;
    return { tree, origin };
  }
}

/** Rank of every string in byte-wise order (as Go sorts names). */
function nameRanks(names: string[]): Int32Array {
  const ids = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const rank = new Int32Array(names.length);
  ids.forEach((id, r) => (rank[id] = r));
  return rank;
}
