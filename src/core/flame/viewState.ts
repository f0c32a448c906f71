import type { FlameTree, FlameViewState } from '../../protocol/flame';

/** What a fresh panel shows: everything, unzoomed, the last sample type (pprof's default). */
export function defaultViewState(tree: FlameTree): FlameViewState {
  return { sampleTypeIndex: Math.max(0, tree.sampleTypes.length - 1), zoom: 0, search: '', focus: '', ignored: [], sandwich: '' };
}

/**
 * The view state to start from: the defaults, overridden field by field by
 * each source in turn (saved webview state, then what the host sent; the
 * profile path rides along for the host's panel serializer), with
 * anything out of range for this tree dropped. The zoom is checked later,
 * against the tree the focus and hidden frames produce.
 */
export function restoreViewState(tree: FlameTree, ...sources: (Partial<FlameViewState> | undefined)[]): FlameViewState {
  const s = defaultViewState(tree);
  for (const src of sources) {
    if (!src || typeof src !== 'object') continue;
    if (isIndex(src.sampleTypeIndex, tree.sampleTypes.length)) s.sampleTypeIndex = src.sampleTypeIndex;
    if (isIndex(src.zoom, Number.MAX_SAFE_INTEGER)) s.zoom = src.zoom;
    for (const k of ['search', 'focus', 'sandwich'] as const) if (typeof src[k] === 'string') s[k] = src[k];
    if (typeof src.profilePath === 'string') s.profilePath = src.profilePath;
    if (Array.isArray(src.ignored)) s.ignored = [...new Set(src.ignored.filter((x): x is string => typeof x === 'string' && x.length > 0))];
  }
  return s;
}

function isIndex(v: unknown, n: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;
}
