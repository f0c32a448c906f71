import type { TrackedDocument } from './documents';

/**
 * Baseline line (what the profile was matched against) ↔ current line of an
 * open document. Without a tracked document the two are the same.
 */
export function currentLineOf(tracked: TrackedDocument | undefined): (baseline: number) => number {
  if (!tracked) return (b) => b;
  const inverse = new Map<number, number>();
  tracked.origins.origins().forEach((o, j) => {
    if (o >= 0 && !inverse.has(o)) inverse.set(o, j);
  });
  return (b) => inverse.get(b) ?? -1;
}

export function baselineLineOf(tracked: TrackedDocument | undefined, current: number): number {
  return tracked ? tracked.origins.originOf(current) : current;
}
