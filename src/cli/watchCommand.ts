import { resolve } from 'node:path';
import { summaryLine } from '../core/monitor/statusText';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_THRESHOLDS, type Thresholds } from '../core/monitor/thresholds';
import { resolveTarget } from '../node/capture/resolveTarget';
import { MemoryMonitor } from '../node/monitor';
import { parseCommandArgs } from './commandArgs';
import { UsageError } from './usage';

interface WatchArgs {
  readonly target: string;
  readonly intervalMs: number;
  readonly thresholds: Thresholds;
  readonly snapshotDir?: string;
}

/**
 * `gomem watch TARGET [--interval S] [--heap-growth P] [--window S]
 * [--gc-pause MS] [--goroutines N] [--snapshot-dir D | --no-snapshot]`:
 * one line per poll, a WARNING line per breach with the snapshot paths.
 * Ctrl-C ends it with status 0; a target that goes away is an error.
 */
export async function watchCommand(argv: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<string> {
  const args = parseWatchArgs(argv);
  const endpoint = await resolveTarget(args.target);
  const line = (text: string) => out(`${clock(new Date())} ${text}`);
  let polls = 0;
  let gone: string | undefined;
  const monitor = new MemoryMonitor(
    endpoint,
    { intervalMs: args.intervalMs, thresholds: args.thresholds, snapshotDir: args.snapshotDir },
    {
      onPoint: (p) => {
        polls++;
        line(summaryLine(p, p.worstPauseNs));
      },
      onBreach: (breaches, snap) => {
        const files = snap ? `; snapshots: ${[...snap.files, ...snap.errors.map((e) => `failed (${e})`)].join(', ')}` : '';
        for (const b of breaches) line(`WARNING ${b.message}${files}`);
      },
      onError: (err, retryMs) => line(`poll failed: ${err.message}; next try in ${(retryMs / 1000).toFixed(1)} s`),
      onStop: (reason, targetGone) => (gone = targetGone ? reason : undefined),
    },
  );
  const interrupt = () => monitor.stop('interrupted');
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  process.stderr.write(`watching ${endpoint.url} every ${args.intervalMs / 1000} s (Ctrl-C to stop)\n`);
  try {
    await monitor.start();
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  if (gone) throw new Error(`stopped watching ${endpoint.url}: ${gone}`);
  return `stopped after ${polls} polls, ${monitor.breaches.length} warnings`;
}

function parseWatchArgs(argv: string[]): WatchArgs {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('watch needs one TARGET: a URL or a PID');
  const number = (name: string, given: string | undefined, fallback: number, allowZero: boolean) => {
    if (given === undefined) return fallback;
    const v = Number(given);
    if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) throw new UsageError(`--${name} takes a ${allowZero ? 'non-negative' : 'positive'} number, not "${given}"`);
    return v;
  };
  if (values['snapshot-dir'] !== undefined && values['no-snapshot']) throw new UsageError('--snapshot-dir and --no-snapshot exclude each other');
  const d = DEFAULT_THRESHOLDS;
  return {
    target: positionals[0],
    intervalMs: number('interval', values.interval, DEFAULT_INTERVAL_SECONDS, false) * 1000,
    thresholds: {
      heapGrowthPercent: number('heap-growth', values['heap-growth'], d.heapGrowthPercent, true),
      windowSeconds: number('window', values.window, d.windowSeconds, false),
      gcPauseMs: number('gc-pause', values['gc-pause'], d.gcPauseMs, true),
      goroutines: number('goroutines', values.goroutines, d.goroutines, true),
    },
    snapshotDir: values['no-snapshot'] ? undefined : resolve(values['snapshot-dir'] ?? '.'),
  };
}

const OPTIONS = {
  interval: { type: 'string' },
  'heap-growth': { type: 'string' },
  window: { type: 'string' },
  'gc-pause': { type: 'string' },
  goroutines: { type: 'string' },
  'snapshot-dir': { type: 'string' },
  'no-snapshot': { type: 'boolean' },
} as const;

/** Local time, HH:MM:SS. */
function clock(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
