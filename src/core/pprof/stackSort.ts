import type { SampleStacks } from './sampleStacks';

/**
 * Stacks sorted frame by frame (a stack before its extensions), with the
 * frames each shares with the one before it: order[i] is the i-th stack and
 * shared[i] its common prefix with order[i-1] (shared[0] = 0).
 */
export interface SortedStacks {
  order: Int32Array;
  shared: Int32Array;
}

/**
 * A comparison sort, then each stack's common prefix with the one before it.
 * The builtin sort only needs the small comparator compiled: measured in a
 * fresh process on the small bench profile (22k stacks, the server's case),
 * 35 ms against 58 ms for a multikey quicksort that finds the prefixes while
 * sorting, though that one is twice as fast once compiled.
 */
export function sortStacks(st: SampleStacks): SortedStacks {
  const { start, rank } = st;
  const order = new Int32Array(st.count);
  for (let k = 0; k < st.count; k++) order[k] = k;
  order.sort((a, b) => {
    const ea = start[a + 1];
    const eb = start[b + 1];
    for (let i = start[a], j = start[b]; i < ea && j < eb; i++, j++) if (rank[i] !== rank[j]) return rank[i] - rank[j];
    return ea - start[a] - (eb - start[b]);
  });
  const shared = new Int32Array(st.count);
  for (let i = 1; i < st.count; i++) shared[i] = commonPrefix(st, order[i - 1], order[i]);
  return { order, shared };
}

/** Frames stacks a and b share from the root. */
function commonPrefix(st: SampleStacks, a: number, b: number): number {
  const { start, rank } = st;
  const i0 = start[a];
  const j0 = start[b];
  const n = Math.min(start[a + 1] - i0, start[b + 1] - j0);
  let i = 0;
  while (i < n && rank[i0 + i] === rank[j0 + i]) i++;
  return i;
}
