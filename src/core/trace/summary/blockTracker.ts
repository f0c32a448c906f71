import type { BlockReason } from './model';
import type { StackInterner } from './stackInterner';

interface Totals {
  ns: number;
  count: number;
}

interface ReasonTotals extends Totals {
  name: string;
  /** Global stack index → time and waits at that stack. */
  stacks: Map<number, Totals>;
}

/** Where a wait is accounted: its reason's totals and its stack's totals within that reason. */
export interface WaitSite {
  reason: ReasonTotals;
  stack: Totals;
}

/** Time goroutines spent waiting, per reason and per stack where they waited. */
export class BlockTracker {
  private readonly reasons = new Map<string, ReasonTotals>();

  /** The accumulators for waits with this reason at this stack (callers cache it: one lookup per site, not per wait). */
  site(reason: string, stack: number): WaitSite {
    let r = this.reasons.get(reason);
    if (!r) this.reasons.set(reason, (r = { name: reason, ns: 0, count: 0, stacks: new Map() }));
    let s = r.stacks.get(stack);
    if (!s) r.stacks.set(stack, (s = { ns: 0, count: 0 }));
    return { reason: r, stack: s };
  }

  add(site: WaitSite, ns: number): void {
    site.reason.ns += ns;
    site.reason.count++;
    site.stack.ns += ns;
    site.stack.count++;
  }

  byReason(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [reason, r] of this.sorted()) out[reason] = r.ns;
    return out;
  }

  /** Reasons by total time, each with its `topN` stacks by time. */
  report(stacks: StackInterner, topN: number): BlockReason[] {
    return this.sorted().map(([reason, r]) => ({
      reason,
      totalNs: r.ns,
      count: r.count,
      topStacks: [...r.stacks]
        .filter(([, s]) => s.count > 0)
        .sort((a, b) => b[1].ns - a[1].ns || a[0] - b[0])
        .slice(0, topN)
        .map(([idx, s]) => ({ ns: s.ns, count: s.count, stack: stacks.frames(idx) })),
    }));
  }

  private sorted(): Array<[string, ReasonTotals]> {
    return [...this.reasons].filter(([, r]) => r.count > 0).sort((a, b) => b[1].ns - a[1].ns || (a[0] < b[0] ? -1 : 1));
  }
}
