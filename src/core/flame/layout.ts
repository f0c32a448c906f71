import type { FlameTree } from '../../protocol/flame';

/**
 * Horizontal layout of every node for one sample type, in value units:
 * node i spans [x[i], x[i] + width[i]). Zooming is then only a change of
 * scale and offset at draw time, never a new layout. The webview keeps only
 * the widths (frameWidths): a draw walks siblings in order anyway, so it
 * adds up the offsets as it goes, which saves a pass and an array per type.
 *
 * Widths are magnitudes, so negative values (delta profiles) still draw:
 * width = max(|total|, |self| + Σ children's widths). That is exactly the
 * total when values are non-negative, and never narrower than the children,
 * so they always nest; a parent whose total exceeds its children (a pruned
 * tree) keeps the gap on the right, as pprof draws it. With a base profile
 * the larger of the two sides counts, so shrunk frames stay visible.
 */
export interface FlameWidths {
  sampleType: number;
  width: Float64Array;
}

export interface FlameLayout extends FlameWidths {
  x: Float64Array;
}

export function layoutFlame(tree: FlameTree, sampleType: number): FlameLayout {
  const n = tree.parent.length;
  const { width } = frameWidths(tree, sampleType);
  const x = new Float64Array(n);
  const parent = tree.parent;
  // Next free offset inside each node, for its next child (children are in name order).
  const next = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const p = parent[i];
    x[i] = next[p];
    next[p] += width[i];
    next[i] = x[i];
  }
  return { sampleType, x, width };
}

export function frameWidths(tree: FlameTree, t: number): FlameWidths {
  const n = tree.parent.length;
  const types = tree.sampleTypes.length;
  const { parent, total, self, baseTotal, baseSelf } = tree;
  const w = new Float64Array(n);
  // Without a base and without negative values the widths are the totals (a total covers its
  // children's), read off in one sequential pass.
  if (!baseTotal) {
    let plain = true;
    for (let i = 0, k = t; i < n; i++, k += types) {
      const v = total[k];
      if (v < 0 || self[k] < 0) {
        plain = false;
        break;
      }
      w[i] = v;
    }
    if (plain) return { sampleType: t, width: w };
    w.fill(0);
  }
  // Accumulates the children's widths first (they follow their parent in preorder).
  for (let i = n - 1; i >= 0; i--) {
    const k = i * types + t;
    let own = Math.abs(self[k]);
    let whole = Math.abs(total[k]);
    if (baseTotal && baseSelf) {
      own = Math.max(own, Math.abs(baseSelf[k]));
      whole = Math.max(whole, Math.abs(baseTotal[k]));
    }
    w[i] = Math.max(whole, w[i] + own);
    if (i > 0) w[parent[i]] += w[i];
  }
  return { sampleType: t, width: w };
}
