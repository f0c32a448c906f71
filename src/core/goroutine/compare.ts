import { mergeGroups, stackKey, type CreationSite, type GoroutineFrame, type GoroutineGroup, type GoroutineSnapshot, type GoroutineSource } from './model';

export interface NamedSnapshot {
  /** The file name (or any label) shown for the snapshot. */
  readonly name: string;
  readonly snapshot: GoroutineSnapshot;
}

/** `new`: absent from the first snapshot; `gone`: absent from the last. */
export type GrowthStatus = 'new' | 'gone' | 'grew' | 'shrank' | 'same';

export interface GrowthRow {
  readonly key: string;
  readonly frames: readonly GoroutineFrame[];
  readonly creation?: CreationSite;
  readonly state?: string;
  readonly wait?: string;
  readonly labels?: string;
  /** One count per snapshot, in the order given (0 where the group is absent). */
  readonly counts: readonly number[];
  /** Last count minus first. */
  readonly delta: number;
  readonly status: GrowthStatus;
}

export interface GoroutineComparison {
  readonly snapshots: ReadonlyArray<{ name: string; source: GoroutineSource; profile: string; total: number }>;
  /** Groups that grew most first; those that shrank or vanished last. */
  readonly rows: readonly GrowthRow[];
  /** `stack+state` when every snapshot is debug=2 (wait state, wait time and creator are part of a group); else `stack`. */
  readonly groupedBy: 'stack' | 'stack+state';
  readonly totalDelta: number;
}

/**
 * Which groups of goroutines grew between snapshots (oldest first). Groups
 * are matched by key; when the forms differ, only debug=2 knows states, so
 * every snapshot is regrouped by stack (and labels) alone.
 */
export function compareSnapshots(snaps: readonly NamedSnapshot[]): GoroutineComparison {
  const byState = snaps.every((s) => s.snapshot.source === 'debug2');
  const grouped = snaps.map((s) => (byState ? s.snapshot.groups : mergeGroups(s.snapshot.groups.map(byStackOnly))));
  const rows = new Map<string, { group: GoroutineGroup; counts: number[] }>();
  grouped.forEach((groups, i) => {
    for (const g of groups) {
      let row = rows.get(g.key);
      if (!row) rows.set(g.key, (row = { group: g, counts: snaps.map(() => 0) }));
      else if (!row.group.creation || (g.creation?.kind === 'created-by' && row.group.creation.kind !== 'created-by')) row.group = { ...row.group, creation: g.creation };
      row.counts[i] += g.count;
    }
  });
  const out = [...rows.values()].map(({ group, counts }) => growthRow(group, counts)).sort(byGrowth);
  const totals = snaps.map((s) => s.snapshot.total);
  return {
    snapshots: snaps.map((s) => ({ name: s.name, source: s.snapshot.source, profile: s.snapshot.profile, total: s.snapshot.total })),
    rows: out,
    groupedBy: byState ? 'stack+state' : 'stack',
    totalDelta: totals.length ? totals[totals.length - 1] - totals[0] : 0,
  };
}

function byStackOnly(g: GoroutineGroup): GoroutineGroup {
  const stack = stackKey(g.frames);
  return {
    key: g.labels ? `${stack}\nlabels ${g.labels}` : stack,
    count: g.count,
    frames: g.frames,
    ...(g.creation ? { creation: g.creation } : {}),
    ...(g.labels ? { labels: g.labels } : {}),
  };
}

function growthRow(g: GoroutineGroup, counts: number[]): GrowthRow {
  const first = counts[0];
  const last = counts[counts.length - 1];
  const status: GrowthStatus = first === 0 && last > 0 ? 'new' : last === 0 && first > 0 ? 'gone' : last > first ? 'grew' : last < first ? 'shrank' : 'same';
  return {
    key: g.key,
    frames: g.frames,
    ...(g.creation ? { creation: g.creation } : {}),
    ...(g.state !== undefined ? { state: g.state } : {}),
    ...(g.wait !== undefined ? { wait: g.wait } : {}),
    ...(g.labels !== undefined ? { labels: g.labels } : {}),
    counts,
    delta: last - first,
    status,
  };
}

function byGrowth(a: GrowthRow, b: GrowthRow): number {
  const last = (r: GrowthRow) => r.counts[r.counts.length - 1];
  return b.delta - a.delta || last(b) - last(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
