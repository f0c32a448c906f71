import type { FlameTree } from '../../protocol/flame';
import { compare } from './flameTree';
import { StringTable, TreeBuilder, type KeyStrings } from './treeBuilder';

/**
 * Merges a base tree into the current one by call path (function name and
 * file at every level): the result holds every path of either, with the
 * current values in total/self and the base values in baseTotal/baseSelf
 * (0 where a path exists on one side only). Sample types are matched by
 * name; a type the base lacks reads as 0 there.
 */
export function mergeFlameTrees(current: FlameTree, base: FlameTree): FlameTree {
  const types = current.sampleTypes.length;
  const keys = new PairKeys();
  const b = new TreeBuilder(types, true);
  addTree(b, keys, current, identity(types), false);
  addTree(b, keys, base, typeMap(current, base), true);
  return b.finish(current.sampleTypes, keys.strings());
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** For each current type, its index in the base tree (or -1). */
function typeMap(current: FlameTree, base: FlameTree): number[] {
  return current.sampleTypes.map((t) => base.sampleTypes.findIndex((b) => b.type === t.type));
}

function addTree(b: TreeBuilder, keys: PairKeys, tree: FlameTree, types: number[], isBase: boolean): void {
  const n = tree.parent.length;
  const src = tree.sampleTypes.length;
  const mapped = new Int32Array(n);
  const row = new Float64Array(types.length);
  const self = new Float64Array(types.length);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < types.length; t++) {
      row[t] = types[t] < 0 ? 0 : tree.total[i * src + types[t]];
      self[t] = types[t] < 0 ? 0 : tree.self[i * src + types[t]];
    }
    // Preorder: a node's parent was mapped before it.
    // The current tree's lines win over the base's (weight 2 vs 1).
    const key = i === 0 ? 0 : keys.of(tree.names[tree.name[i]], tree.files[tree.file[i]]);
    const node = i === 0 ? 0 : b.child(mapped[tree.parent[i]], key, tree.line[i], isBase ? 1 : 2);
    mapped[i] = node;
    b.addTotal(node, row, 0, isBase);
    b.addSelf(node, self, 0, isBase);
  }
}

/** Interns (function name, file) pairs of both trees as one key space. */
class PairKeys {
  private readonly ids = new Map<string, number>();
  private readonly pairs: [string, string][] = [];

  of(name: string, file: string): number {
    const k = `${name}\u0000${file}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.pairs.push([name, file]) - 1;
      this.ids.set(k, id);
    }
    return id;
  }

  strings(): KeyStrings {
    const names = new StringTable('root');
    const files = new StringTable('');
    const name = this.pairs.map(([n]) => names.id(n));
    const file = this.pairs.map(([, f]) => files.id(f));
    const order = this.pairs.map((_, i) => i).sort((a, b) => compare(this.pairs[a][0], this.pairs[b][0]) || compare(this.pairs[a][1], this.pairs[b][1]));
    const rank = new Int32Array(this.pairs.length);
    order.forEach((k, r) => (rank[k] = r));
    return { names: names.strings, files: files.strings, name: (k) => name[k], file: (k) => file[k], rank: (k) => rank[k] };
  }
}
