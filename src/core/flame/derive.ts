import type { FlameTree } from '../../protocol/flame';
import { PathTreeBuilder, type DerivedTree } from './pathTree';
import type { TreeShape } from './shape';

export interface FlameFilters {
  /** Show only the calls of this function, merged ('' = everything). */
  focus: string;
  /** Hidden functions and packages, matched by ignoredMatcher. */
  ignored: readonly string[];
}

/**
 * The tree the panel shows for a focus and a set of hidden frames.
 *
 * Focus: every outermost call of the function becomes one sub-graph, and
 * they are merged into a tree whose root is that function (calls of it
 * inside its own sub-graph stay where they are, so nothing counts twice).
 *
 * Ignore: a hidden frame is cut out of every stack, as pprof's -hide does:
 * its callees move up to its caller (merging with same-named siblings) and
 * its self value becomes the caller's. Totals stay what they were.
 */
export function applyFilters(src: FlameTree, f: FlameFilters): DerivedTree {
  if (!f.focus && f.ignored.length === 0) return { tree: src, origin: null };
  const hidden = namesMatching(src.names, ignoredMatcher(f.ignored));
  const isFocus = f.focus ? namesMatching(src.names, (s) => s === f.focus) : null;
  const n = src.parent.length;
  const first = isFocus ? firstNamed(src, isFocus) : 0;
  if (first < 0) return { tree: emptyLike(src), origin: new Int32Array(1) };
  const b = new PathTreeBuilder(src, first);
  // Node of the new tree each source node went into; -1 outside every focused call.
  const into = new Int32Array(n);
  if (isFocus) into[0] = -1;
  else {
    b.addTotal(0, 0);
    b.addSelf(0, 0);
  }
  const { parent, name: names } = src;
  for (let i = 1; i < n; i++) {
    const up = into[parent[i]];
    const name = names[i];
    if (up < 0) {
      into[i] = -1;
      if (isFocus && isFocus[name]) {
        into[i] = 0;
        b.addTotal(0, i);
        b.addSelf(0, i);
      }
    } else if (hidden[name]) {
      into[i] = up;
      b.addSelf(up, i);
    } else {
      const node = b.child(up, i);
      into[i] = node;
      b.addTotal(node, i);
      b.addSelf(node, i);
    }
  }
  return b.finish();
}

/**
 * The callers of a function as an inverted tree: the root is the function
 * (all its outermost calls), its children are the functions that called it,
 * theirs their callers, up to the top of each stack.
 */
export function callersOf(src: FlameTree, shape: TreeShape, fn: string): DerivedTree | null {
  const isFn = namesMatching(src.names, (s) => s === fn);
  const first = firstNamed(src, isFn);
  if (first < 0) return null;
  const b = new PathTreeBuilder(src, first);
  const { parent, name } = src;
  const n = parent.length;
  for (let i = 1; i < n; ) {
    if (!isFn[name[i]]) {
      i++;
      continue;
    }
    b.addTotal(0, i);
    let node = 0;
    for (let a = parent[i]; a > 0; a = parent[a]) {
      node = b.child(node, a);
      b.addTotal(node, i);
    }
    b.addTotalAsSelf(node, i);
    i += shape.size[i]; // calls nested in this one are already counted
  }
  return b.finish();
}

/** The callees of a function: its merged sub-graphs (the focus view of it). */
export function calleesOf(src: FlameTree, fn: string): DerivedTree | null {
  if (firstNamed(src, namesMatching(src.names, (s) => s === fn)) < 0) return null;
  return applyFilters(src, { focus: fn, ignored: [] });
}

/**
 * Whether a function name is hidden by an ignore list: an entry matches
 * names that start with it at a name boundary, so "main.foo" hides
 * main.foo and main.foo.func1 but not main.foobar, and "runtime." hides
 * the runtime package.
 */
export function ignoredMatcher(ignored: readonly string[]): (name: string) => boolean {
  const list = ignored.filter((p) => p.length > 0);
  return (name) =>
    list.some((p) => name.startsWith(p) && (name.length === p.length || !isIdentChar(p.charCodeAt(p.length - 1)) || !isIdentChar(name.charCodeAt(p.length))));
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/** Per string of the table, 1 when the predicate holds (tested once per string, not per node). */
export function namesMatching(names: readonly string[], pred: (s: string) => boolean): Uint8Array {
  const out = new Uint8Array(names.length);
  for (let i = 0; i < names.length; i++) if (pred(names[i])) out[i] = 1;
  return out;
}

function firstNamed(src: FlameTree, isName: Uint8Array): number {
  for (let i = 1; i < src.parent.length; i++) if (isName[src.name[i]]) return i;
  return -1;
}

/** A root-only tree for a focus that matches nothing. */
function emptyLike(src: FlameTree): FlameTree {
  const t = src.sampleTypes.length;
  const tree: FlameTree = {
    ...src,
    parent: Int32Array.of(-1),
    depth: Int32Array.of(0),
    name: Int32Array.of(0),
    file: Int32Array.of(0),
    line: Int32Array.of(0),
    total: new Float64Array(t),
    self: new Float64Array(t),
  };
  if (src.baseTotal) {
    tree.baseTotal = new Float64Array(t);
    tree.baseSelf = new Float64Array(t);
  }
  return tree;
}
