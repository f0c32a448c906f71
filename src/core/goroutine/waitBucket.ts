/**
 * debug=2 headers say how long a goroutine has waited in whole minutes
 * (`[chan receive, 12 minutes]`; nothing under one minute). Groups use a
 * coarse bucket so goroutines that block together stay together as they age.
 */
export function waitBucket(minutes: number): string {
  if (minutes < 1) return '< 1 min';
  if (minutes < 10) return '1–9 min';
  if (minutes < 60) return '10–59 min';
  if (minutes < 24 * 60) return '1–24 h';
  return '≥ 1 day';
}
