/**
 * Goroutines grouped by what they are doing, from any of Go's three forms of
 * the goroutine profile: the pprof proto, `?debug=1` (groups with counts)
 * and `?debug=2` (every goroutine, panic-style). Pure data, JSON-safe: it
 * crosses the LSP and webview boundaries as is.
 */

/** One frame, as Go's text forms print it: function and the line running (or called from). */
export interface GoroutineFrame {
  readonly function: string;
  /** Empty when the runtime could not say (a PC without symbols). */
  readonly file: string;
  readonly line: number;
}

/** Which of Go's forms a snapshot was read from. */
export type GoroutineSource = 'proto' | 'debug1' | 'debug2';

/**
 * Where a group's goroutines come from. `created-by` is the `go` statement
 * (debug=2 prints it); proto and debug=1 stacks stop at the goroutine's
 * entry function, so the best they offer is that `entry` frame.
 */
export interface CreationSite {
  readonly kind: 'created-by' | 'entry';
  readonly frame: GoroutineFrame;
}

export interface GoroutineGroup {
  /** What makes two goroutines one group (stack, and for debug=2 state, wait bucket and creator). */
  readonly key: string;
  readonly count: number;
  /** Leaf first; leading runtime frames hidden, as Go's text forms print them. */
  readonly frames: readonly GoroutineFrame[];
  readonly creation?: CreationSite;
  /** debug=2: `chan receive`, `select`, `IO wait`, `chan receive (leaked)`, … */
  readonly state?: string;
  /** debug=2: how long they have waited, coarsely (see waitBucket.ts). */
  readonly wait?: string;
  /** debug=2: `locked to thread`. */
  readonly lockedToThread?: boolean;
  /** pprof labels, `{"k":"v"}` as debug=1 prints them. */
  readonly labels?: string;
}

export interface GoroutineSnapshot {
  readonly source: GoroutineSource;
  /** `goroutine` or `goroutineleak` (debug=1 and proto name it; debug=2 cannot tell). */
  readonly profile: string;
  /** Goroutines in the snapshot (the sum of group counts). */
  readonly total: number;
  /** Largest first. */
  readonly groups: readonly GoroutineGroup[];
}

/** `fn file:line` per frame, one a line: the stack part of every group key. */
export function stackKey(frames: readonly GoroutineFrame[]): string {
  return frames.map((f) => `${f.function} ${f.file}:${f.line}`).join('\n');
}

/** Groups with equal keys merged (counts added), largest first, then by key for a stable order. */
export function mergeGroups(groups: Iterable<GoroutineGroup>): GoroutineGroup[] {
  // Counts are summed in place: a debug=2 dump has one group per goroutine, hundreds of thousands of them.
  const byKey = new Map<string, { group: GoroutineGroup; count: number }>();
  for (const g of groups) {
    const seen = byKey.get(g.key);
    if (seen) seen.count += g.count;
    else byKey.set(g.key, { group: g, count: g.count });
  }
  return [...byKey.values()]
    .map(({ group, count }) => (count === group.count ? group : { ...group, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function snapshotOf(source: GoroutineSource, profile: string, groups: Iterable<GoroutineGroup>): GoroutineSnapshot {
  const merged = mergeGroups(groups);
  return { source, profile, total: merged.reduce((n, g) => n + g.count, 0), groups: merged };
}
