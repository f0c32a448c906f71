import { MonitorError } from './errors';
import { memStatsFrom, PAUSE_RING, type MemStats } from './memStats';

/** What `/debug/vars` (package expvar) serves: the command line and runtime.MemStats as JSON. */
export interface ExpvarSnapshot {
  readonly cmdline: readonly string[];
  readonly memStats: MemStats;
}

/** Parses an expvar answer; throws a `bad-expvar` MonitorError when it is not one with memstats. */
export function parseExpvar(text: string, source: string): ExpvarSnapshot {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new MonitorError('bad-expvar', `${source} is not JSON: ${(err as Error).message}`);
  }
  const root = asObject(doc);
  const ms = asObject(root?.memstats);
  if (!root || !ms) throw new MonitorError('bad-expvar', `${source} has no "memstats" object: not expvar's /debug/vars`);
  const num = (name: string) => {
    const v = ms[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new MonitorError('bad-expvar', `${source}: memstats.${name} is ${JSON.stringify(v)?.slice(0, 40)}, not a number`);
    return v;
  };
  const pauses = ms.PauseNs;
  if (!Array.isArray(pauses) || pauses.length !== PAUSE_RING || !pauses.every((p) => typeof p === 'number')) {
    throw new MonitorError('bad-expvar', `${source}: memstats.PauseNs should be ${PAUSE_RING} numbers`);
  }
  const cmdline = Array.isArray(root.cmdline) ? root.cmdline.filter((a): a is string => typeof a === 'string') : [];
  return {
    cmdline,
    memStats: memStatsFrom(num, {
      // JSON numbers past 2^53 lose their last digits: fine at millisecond scale.
      lastGCMs: Math.floor(num('LastGC') / 1e6),
      gcCPUFraction: num('GCCPUFraction'),
      pauseNs: pauses as number[],
    }),
  };
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
