import type { FlameTree } from '../../protocol/flame';
import { namesMatching } from './derive';
import type { TreeShape } from './shape';

export interface SearchPattern {
  /** Tests a function name; null for an empty query. */
  test: ((name: string) => boolean) | null;
  /** Why the query is not a valid regular expression ('' when it is); it is then matched as plain text. */
  error: string;
}

/**
 * A search box query as a case-insensitive regular expression. A query that
 * does not compile (a lone "(" or "*") still searches, as plain text, so
 * typing never blanks the view.
 */
export function searchPattern(query: string): SearchPattern {
  if (!query) return { test: null, error: '' };
  try {
    const re = new RegExp(query, 'i');
    return { test: (s) => re.test(s), error: '' };
  } catch (err) {
    const needle = query.toLowerCase();
    return { test: (s) => s.toLowerCase().includes(needle), error: (err as Error).message };
  }
}

/** Per entry of the names table, 1 when it matches (each name is tested once, not once per node). */
export function matchNames(names: readonly string[], p: SearchPattern): Uint8Array | null {
  return p.test ? namesMatching(names, p.test) : null;
}

export interface MatchedShare {
  /** Sum of the outermost matched frames' totals below `root` (nested matches are inside them). */
  total: number;
  baseTotal: number;
  /** Matched frames below `root`, nested ones included. */
  frames: number;
}

export function matchedShare(tree: FlameTree, shape: TreeShape, matched: Uint8Array, sampleType: number, root = 0): MatchedShare {
  const types = tree.sampleTypes.length;
  const end = root + shape.size[root];
  const { name, total: totals, baseTotal: baseTotals } = tree;
  const size = shape.size;
  let total = 0;
  let baseTotal = 0;
  let frames = 0;
  for (let i = root; i < end; ) {
    if (!matched[name[i]]) {
      i++;
      continue;
    }
    total += totals[i * types + sampleType];
    if (baseTotals) baseTotal += baseTotals[i * types + sampleType];
    // Count the nested matches without adding their values again.
    const stop = i + size[i];
    for (let j = i; j < stop; j++) frames += matched[name[j]];
    i = stop;
  }
  return { total, baseTotal, frames };
}
