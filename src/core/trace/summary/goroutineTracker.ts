import { GoState } from '../schedState';
import type { TraceEvent } from '../traceEvent';
import type { Transition } from '../transition';
import type { BlockTracker, WaitSite } from './blockTracker';
import { BucketSeries } from './bucketSeries';
import type { AliveGroup, GoroutineSite } from './model';
import type { StackInterner } from './stackInterner';

/** Reason keys for waits the trace gives no reason string for. */
export const WAITING_AT_START = '(waiting when tracing started)';
export const NO_REASON = '(no reason)';
export const SYSCALL = 'syscall';

interface G {
  state: number;
  /** When it entered `state` (the trace start for goroutines that predate it). */
  since: number;
  /** For Waiting and Syscall: where the time goes (reason and stack). */
  site: WaitSite | undefined;
  createdInTrace: boolean;
  /** Global stack of the `go` statement that created it (-1: none recorded). */
  createdBy: number;
  entry: string;
}

const SERIES_BUCKETS = 1024;
const SERIES_WIDTH0 = 1000; // 1 µs: doubles as the trace gets longer

/**
 * Goroutine states from the state-transition events, the way internal/trace's
 * summarizer reads them: a goroutine first seen Undetermined (at the first
 * generation start) has been in that state since the trace began; one seen
 * NotExist → … is created at that moment; every wait runs from the
 * transition into Waiting (with its reason and stack) to the transition out,
 * or to the end of the trace.
 */
export class GoroutineTracker {
  private readonly live = new Map<number, G>();
  private readonly counts = new Float64Array(6);
  private readonly sample = new Float64Array(4);
  /** By `go` statement (leaf frame of the creator's stack): count, entry, first stack seen there. */
  private readonly sites = new Map<string, { count: number; entry: string; stack: number }>();
  /** Wait sites of the current generation by (reason string id, stack id): one lookup per wait. */
  private waitSites = new Map<number, WaitSite>();
  private waitSitesOf: unknown;
  readonly series: BucketSeries;
  created = 0;
  maxAlive = 0;

  constructor(
    start: number,
    private readonly stacks: StackInterner,
    private readonly blocks: BlockTracker,
  ) {
    this.series = new BucketSeries(start, SERIES_WIDTH0, SERIES_BUCKETS, 4);
  }

  transition(e: TraceEvent, t: Transition, syncTime: number): void {
    if (t.from === t.to) return;
    if (t.from === GoState.Undetermined) this.appear(e, t, syncTime);
    else if (t.from === GoState.NotExist) this.create(e, t);
    else this.move(e, t);
    const c = this.counts;
    this.sample[0] = c[GoState.Running];
    this.sample[1] = c[GoState.Runnable];
    this.sample[2] = c[GoState.Waiting];
    this.sample[3] = c[GoState.Syscall];
    this.series.set(e.time, this.sample);
    if (this.live.size > this.maxAlive) this.maxAlive = this.live.size;
  }

  private appear(e: TraceEvent, t: Transition, syncTime: number): void {
    const stack = this.stacks.intern(e.tables, t.stack);
    const g: G = { state: t.to, since: syncTime, site: undefined, createdInTrace: false, createdBy: -1, entry: this.stacks.root(stack) };
    if (t.to === GoState.Waiting) g.site = this.blocks.site(WAITING_AT_START, stack);
    else if (t.to === GoState.Syscall) g.site = this.blocks.site(SYSCALL, stack);
    this.enter(t.id, g, t.to);
  }

  private create(e: TraceEvent, t: Transition): void {
    const createdBy = this.stacks.intern(e.tables, e.stack);
    const entry = this.stacks.root(this.stacks.intern(e.tables, t.stack));
    this.created++;
    const key = this.stacks.leaf(createdBy);
    const site = this.sites.get(key);
    if (site) site.count++;
    else this.sites.set(key, { count: 1, entry, stack: createdBy });
    const g: G = { state: t.to, since: e.time, site: undefined, createdInTrace: true, createdBy, entry };
    if (t.to === GoState.Waiting) g.site = this.blocks.site(NO_REASON, -1);
    else if (t.to === GoState.Syscall) g.site = this.blocks.site(SYSCALL, -1);
    this.enter(t.id, g, t.to);
  }

  private move(e: TraceEvent, t: Transition): void {
    const g = this.live.get(t.id);
    if (!g) return; // the ordering guarantees a state; nothing to account otherwise
    this.close(g, e.time);
    this.counts[g.state]--;
    if (t.to === GoState.NotExist) {
      this.live.delete(t.id);
      return;
    }
    g.state = t.to;
    g.since = e.time;
    this.counts[t.to]++;
    if (t.to === GoState.Waiting) g.site = this.waitSite(e, t.reason, t.stack);
    else if (t.to === GoState.Syscall) g.site = this.waitSite(e, -1, t.stack);
  }

  private reasonOf(e: TraceEvent, id: number): string {
    const reason = e.tables ? e.tables.string(id) : '';
    return reason === '' ? NO_REASON : reason;
  }

  /** The site for a wait with reason string `reasonId` (-1: a syscall) at stack `stackId` of e's generation. */
  private waitSite(e: TraceEvent, reasonId: number, stackId: number): WaitSite {
    if (e.tables !== this.waitSitesOf) {
      this.waitSitesOf = e.tables;
      this.waitSites = new Map();
    }
    const key = stackId * 65536 + (reasonId + 1);
    let site = reasonId < 65535 ? this.waitSites.get(key) : undefined;
    if (!site) {
      site = this.blocks.site(reasonId < 0 ? SYSCALL : this.reasonOf(e, reasonId), this.stacks.intern(e.tables, stackId));
      if (reasonId < 65535) this.waitSites.set(key, site);
    }
    return site;
  }

  private enter(id: number, g: G, state: number): void {
    this.live.set(id, g);
    this.counts[state]++;
  }

  /** Accounts the wait or syscall `g` is leaving (or still in at the end). */
  private close(g: G, time: number): void {
    if (g.site && (g.state === GoState.Waiting || g.state === GoState.Syscall)) this.blocks.add(g.site, time - g.since);
  }

  finish(end: number): void {
    for (const g of this.live.values()) this.close(g, end);
  }

  get alive(): number {
    return this.live.size;
  }

  createdBySite(topN: number): GoroutineSite[] {
    return [...this.sites.values()]
      .sort((a, b) => b.count - a.count || a.stack - b.stack)
      .slice(0, topN)
      .map((s) => ({ count: s.count, entry: s.entry, stack: this.stacks.frames(s.stack) }));
  }

  /** Goroutines alive at the end grouped by creation stack (or entry function when they predate the trace). */
  aliveBySite(topN: number): AliveGroup[] {
    const groups = new Map<string, AliveGroup>();
    for (const g of this.live.values()) {
      const key = g.createdInTrace ? `s${g.createdBy}` : `e${g.entry}`;
      let group = groups.get(key);
      if (!group) {
        group = { count: 0, entry: g.entry, stack: this.stacks.frames(g.createdBy), createdInTrace: g.createdInTrace, states: {} };
        groups.set(key, group);
      }
      group.count++;
      const state = stateLabel(g);
      group.states[state] = (group.states[state] ?? 0) + 1;
    }
    return [...groups.values()].sort((a, b) => b.count - a.count || (a.entry < b.entry ? -1 : 1)).slice(0, topN);
  }
}

function stateLabel(g: G): string {
  switch (g.state) {
    case GoState.Running: return 'running';
    case GoState.Runnable: return 'runnable';
    case GoState.Syscall: return SYSCALL;
    default: return `waiting: ${g.site?.reason.name ?? NO_REASON}`;
  }
}
