/**
 * Ticks → nanoseconds exactly as internal/trace does it, so that times equal
 * `go tool trace`'s to the nanosecond: the per-generation factor is
 * 1/(ticksPerSecond/1e9) in float64, and every conversion truncates toward
 * zero (Go's float64 → int64). Event times are the batch base converted once
 * plus each converted delta, so rounding accumulates the same way it does in
 * Go. Exact while times stay below 2^53 ns (about 104 days of uptime on
 * machines whose trace clock counts from boot).
 */
export function nsPerTick(ticksPerSecond: number): number {
  return 1.0 / (ticksPerSecond / 1e9);
}

export function ticksToNs(ticks: number, nsPerTickFactor: number): number {
  return Math.trunc(ticks * nsPerTickFactor);
}
