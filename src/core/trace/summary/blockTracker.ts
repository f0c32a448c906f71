import type { BlockReason } from './model';
import type { StackInterner } from './stackInterner';

interface ReasonTotals {
  totalNs: number;
  count: number;
  /** Global stack index → time and waits at that stack. */
  stacks: Map<number, { ns: number; count: number }>;
}

/** Time goroutines spent waiting, per reason and per stack where they waited. */
export class BlockTracker {
  private readonly reasons = new Map<string, ReasonTotals>();

  add(reason: string, ns: number, stack: number): void {
    let r = this.reasons.get(reason);
    if (!r) this.reasons.set(reason, (r = { totalNs: 0, count: 0, stacks: new Map() }));
    r.totalNs += ns;
    r.count++;
    const s = r.stacks.get(stack);
    if (s) {
      s.ns += ns;
      s.count++;
    } else r.stacks.set(stack, { ns, count: 1 });
  }

  byReason(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [reason, r] of this.sorted()) out[reason] = r.totalNs;
    return out;
  }

  /** Reasons by total time, each with its `topN` stacks by time. */
  report(stacks: StackInterner, topN: number): BlockReason[] {
    return this.sorted().map(([reason, r]) => ({
      reason,
      totalNs: r.totalNs,
      count: r.count,
      topStacks: [...r.stacks]
        .sort((a, b) => b[1].ns - a[1].ns || a[0] - b[0])
        .slice(0, topN)
        .map(([idx, s]) => ({ ns: s.ns, count: s.count, stack: stacks.frames(idx) })),
    }));
  }

  private sorted(): Array<[string, ReasonTotals]> {
    return [...this.reasons].sort((a, b) => b[1].totalNs - a[1].totalNs || (a[0] < b[0] ? -1 : 1));
  }
}
