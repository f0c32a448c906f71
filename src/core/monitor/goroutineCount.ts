import { MonitorError } from './errors';

/**
 * The goroutine count from the first line of `goroutine?debug=1`
 * (`goroutine profile: total N`): the poller reads that line and hangs up,
 * so the stacks after it are never transferred.
 */
export function parseGoroutineTotal(firstLine: string, source: string): number {
  const m = /^goroutine profile: total (\d+)\s*$/.exec(firstLine);
  if (!m) throw new MonitorError('bad-goroutines', `${source} does not start with "goroutine profile: total N" (got "${firstLine.slice(0, 60)}")`);
  return Number(m[1]);
}
