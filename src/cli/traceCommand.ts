import { formatShare, formatValue } from '../core/format/units';
import type { Frame, TraceSummary } from '../core/trace/summary/model';
import { firstUserFrame } from '../core/trace/summary/userFrame';
import { summarizeTraceFile } from '../node/traceFile';
import { renderTable } from './table';

export interface TraceOptions {
  json: boolean;
  /** Rows per ranked list (default 20 in JSON, 10 in text). */
  n?: number;
}

/** `gomem trace FILE`: the summary of an execution trace, as text or JSON. */
export async function traceCommand(file: string, opts: TraceOptions): Promise<string> {
  const summary = await summarizeTraceFile(file, opts.n ?? (opts.json ? 20 : 10));
  return opts.json ? JSON.stringify(summary, null, 2) : textReport(file, summary);
}

const ns = (v: number) => formatValue(v, 'nanoseconds');
const bytes = (v: number) => formatValue(v, 'bytes');

function textReport(file: string, s: TraceSummary): string {
  return [
    `File: ${file}`,
    `Trace: Go 1.${s.formatVersion} format, ${ns(s.durationNs)}, ${s.generations} generation${s.generations === 1 ? '' : 's'}, GOMAXPROCS ${s.gomaxprocs}`,
    gcSection(s),
    heapSection(s),
    goroutineSection(s),
    blockedSection(s),
  ].join('\n');
}

function gcSection(s: TraceSummary): string {
  const p = s.pauses;
  const lines = [
    `GC: ${s.gcCount} cycle${s.gcCount === 1 ? '' : 's'} (${s.gcPerSecond.toFixed(2)}/s); mark assist ${ns(s.markAssist.totalNs)} in ${s.markAssist.count} assists`,
    `Stop-the-world pauses: ${p.count}, total ${ns(p.totalNs)} (${formatShare(p.totalNs, s.durationNs) || '0%'} of the trace); ` +
      `p50 ${ns(p.p50Ns)}, p90 ${ns(p.p90Ns)}, p99 ${ns(p.p99Ns)}, max ${ns(p.maxNs)}`,
  ];
  const kinds = new Map<string, { count: number; total: number; max: number }>();
  for (const x of s.stwPauses) {
    const k = kinds.get(x.kind) ?? { count: 0, total: 0, max: 0 };
    kinds.set(x.kind, { count: k.count + 1, total: k.total + x.durationNs, max: Math.max(k.max, x.durationNs) });
  }
  const rows = [...kinds].sort((a, b) => b[1].total - a[1].total).map(([kind, k]) => [String(k.count), ns(k.total), ns(k.max), kind]);
  if (rows.length) lines.push(indent(renderTable(['count', 'total', 'max', 'kind'], rows)));
  return lines.join('\n');
}

function heapSection(s: TraceSummary): string {
  const max = (series: Array<[number, number]>) => series.reduce((m, [, v]) => Math.max(m, v), 0);
  const last = (series: Array<[number, number]>) => (series.length ? series[series.length - 1][1] : 0);
  return (
    `Heap: in use up to ${bytes(max(s.heapAlloc))} (${bytes(last(s.heapAlloc))} at the end), goal up to ${bytes(max(s.heapGoal))}; ` +
    `${s.heapAlloc.length} in-use and ${s.heapGoal.length} goal samples`
  );
}

function goroutineSection(s: TraceSummary): string {
  const g = s.goroutines;
  const lines = [`Goroutines: ${g.created} created, at most ${g.maxAlive} alive, ${g.aliveAtEnd} alive at the end`];
  if (g.createdBySite.length) {
    const rows = g.createdBySite.map((c) => [String(c.count), `${where(c.stack[0])} → ${c.entry || '?'}`]);
    lines.push(indent(renderTable(['count', 'created at (go statement → entry)'], rows)));
  }
  if (g.aliveAtEndBySite.length) {
    const rows = g.aliveAtEndBySite.map((a) => [
      String(a.count),
      `${a.createdInTrace ? where(a.stack[0]) : '(before the trace)'} → ${a.entry || '?'}: ` +
        Object.entries(a.states).map(([st, n]) => `${n} ${st}`).join(', '),
    ]);
    lines.push(indent(renderTable(['alive', 'at the end, by creation stack'], rows)));
  }
  return lines.join('\n');
}

function blockedSection(s: TraceSummary): string {
  if (!s.blocked.length) return 'Blocked: none';
  const rows = s.blocked.map((b) => [ns(b.totalNs), String(b.count), `${b.reason}, most at ${where(firstUserFrame(b.topStacks[0]?.stack ?? []))}`]);
  return ['Blocked time by reason (waits and syscalls):', indent(renderTable(['total', 'count', 'reason'], rows))].join('\n');
}

function where(f: Frame | undefined): string {
  return f ? `${f.func} ${f.file}:${f.line}` : '(no stack)';
}

function indent(text: string, n = 2): string {
  return text.replace(/^/gm, ' '.repeat(n));
}
