import type { DerivedTree } from '../../core/flame/pathTree';
import type { FlameTree } from '../../protocol/flame';

/**
 * The received tree as an object literal of the FlameTree shape: a
 * structured-clone copy can come with a slow property layout, and every hot
 * loop reads these fields.
 */
export function ownTree(t: FlameTree): FlameTree {
  const { sampleTypes, names, files, parent, depth, name, file, line, total, self, baseTotal, baseSelf } = t;
  return { sampleTypes, names, files, parent, depth, name, file, line, total, self, baseTotal, baseSelf };
}

/** Whether a sample type has negative values (a delta profile). */
export function hasNegative(tree: FlameTree, t: number): boolean {
  const types = tree.sampleTypes.length;
  for (let k = t; k < tree.self.length; k += types) if (tree.self[k] < 0 || tree.total[k] < 0) return true;
  return false;
}

/** A tree derived from a derived tree, with origins in the first one's source. */
export function compose(outer: DerivedTree, inner: DerivedTree): DerivedTree {
  if (!outer.origin || !inner.origin) return { tree: inner.tree, origin: inner.origin ?? outer.origin };
  const o = outer.origin;
  return { tree: inner.tree, origin: inner.origin.map((n) => o[n]) };
}
