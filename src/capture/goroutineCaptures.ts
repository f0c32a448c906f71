import type { CaptureEntry } from './listCaptures';

/** Goroutine profiles in the captures folder (not goroutineleak: those hold only leaked goroutines). */
export function goroutineCaptures(list: readonly CaptureEntry[]): CaptureEntry[] {
  return list.filter((e) => e.kind === 'goroutine');
}

/**
 * The newest two goroutine captures of each target, oldest first, targets
 * with the newest capture first. `list` is newest first (listCaptures).
 */
export function latestPairsByTarget(list: readonly CaptureEntry[]): Array<{ target: string; pair: [CaptureEntry, CaptureEntry] }> {
  const byTarget = new Map<string, CaptureEntry[]>();
  for (const e of goroutineCaptures(list)) {
    const seen = byTarget.get(e.target ?? '') ?? [];
    if (seen.length < 2) byTarget.set(e.target ?? '', [...seen, e]);
  }
  return [...byTarget]
    .filter(([, two]) => two.length === 2)
    .map(([target, [newer, older]]) => ({ target, pair: [older, newer] }));
}
