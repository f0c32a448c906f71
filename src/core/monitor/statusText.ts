import { formatValue } from '../format/units';
import type { Breach } from './thresholds';
import type { MonitorPoint } from './sample';

/** What the status-bar item shows: pure, so tests check it and the CLI prints the same line. */
export interface MonitorStatusSpec {
  readonly text: string;
  readonly tooltip: string;
  readonly warning: boolean;
}

/** `heap 123 MB · +4.5 MB/s · GC 42 · 1.2 ms`: heap in use, allocation rate, GC count, worst pause in the window. */
export function summaryLine(p: MonitorPoint, worstPauseNs: number): string {
  const rate = p.allocRate === undefined ? '…' : `+${formatValue(p.allocRate, 'bytes')}/s`;
  const g = p.goroutines === undefined ? [] : [`${p.goroutines} goroutines`];
  return [`heap ${formatValue(p.heapInuse, 'bytes')}`, rate, `GC ${p.numGC}`, formatValue(worstPauseNs || p.latestPauseNs, 'nanoseconds'), ...g].join(' · ');
}

/** `problem`: why the last poll failed, while retrying (the numbers shown are then the last good ones). */
export function statusSpec(target: string, p: MonitorPoint | undefined, worstPauseNs: number, active: readonly Breach[], windowSeconds: number, problem?: string): MonitorStatusSpec {
  const failing = problem ? [`$(sync~spin) last poll failed, retrying: ${problem}`] : [];
  if (!p) return { text: '$(pulse) heap …', tooltip: [`Memory monitor: waiting for the first answer from ${target}`, ...failing].join('\n'), warning: false };
  const lines = [
    `Memory monitor: ${target}`,
    `heap in use ${formatValue(p.heapInuse, 'bytes')} · goal ${formatValue(p.heapGoal, 'bytes')}`,
    p.allocRate === undefined ? 'allocation rate: after the next poll' : `allocating ${formatValue(p.allocRate, 'bytes')}/s`,
    `${p.numGC} GCs · latest pause ${formatValue(p.latestPauseNs, 'nanoseconds')} · worst in ${windowSeconds} s ${formatValue(worstPauseNs, 'nanoseconds')}`,
    ...(p.goroutines === undefined ? [] : [`${p.goroutines} goroutines`]),
    ...active.map((b) => `⚠ ${b.message}`), // every warning in force, one line each
    ...failing,
    'Click to show the live chart',
  ];
  return { text: `$(pulse) ${summaryLine(p, worstPauseNs)}${problem ? ' $(sync~spin)' : ''}`, tooltip: lines.join('\n'), warning: active.length > 0 };
}
