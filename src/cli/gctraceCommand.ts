import { GcTraceError } from '../core/gctrace/errors';
import { gcTraceJson } from '../core/gctrace/json';
import type { GcCycle, GcTraceLog, GcTraceSummary } from '../core/gctrace/model';
import { summarizeGcTrace } from '../core/gctrace/summary';
import { readGcTraceFile } from '../node/gctraceFile';
import { renderTable } from './table';
import { parseCommandArgs } from './commandArgs';
import { UsageError } from './usage';

/** `gomem gctrace FILE [--json]`: the GC cycles of a GODEBUG=gctrace=1 log and their summary. */
export async function gctraceCommand(argv: string[]): Promise<string> {
  const { file, json } = parseGctraceArgs(argv);
  return gctraceReport(file, { json });
}

function parseGctraceArgs(argv: string[]): { file: string; json: boolean } {
  const parsed = parseCommandArgs(argv, { json: { type: 'boolean' } });
  const [file, extra] = parsed.positionals;
  if (!file) throw new UsageError('gctrace needs a log FILE (a program\'s stderr with GODEBUG=gctrace=1)');
  if (extra) throw new UsageError(`gctrace takes one FILE, not "${extra}"`);
  return { file, json: parsed.values.json ?? false };
}

export async function gctraceReport(file: string, opts: { json: boolean }): Promise<string> {
  const { log } = await readGcTraceFile(file);
  if (log.cycles.length === 0) {
    const broken = log.malformed.length ? ` (${log.malformed.length} broken, first at line ${log.malformed[0].line + 1})` : '';
    throw new GcTraceError(`no gctrace lines ("gc N @…", from GODEBUG=gctrace=1)${broken}`, file);
  }
  return opts.json ? JSON.stringify(gcTraceJson(log), null, 2) : textReport(file, log, summarizeGcTrace(log));
}

function textReport(file: string, log: GcTraceLog, s: GcTraceSummary): string {
  const p = s.pauses;
  const h = s.heap;
  const lines = [
    `File: ${file}`,
    `GC: ${s.cycles} cycles (${s.forced} forced) from @${s.firstAtSec.toFixed(3)}s to @${s.lastAtSec.toFixed(3)}s; GC CPU ${s.gcCpuPercent}% since program start`,
    `Stop-the-world pauses: ${p.count}, total ${p.totalMs} ms; p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms, max ${p.maxMs} ms (gc ${p.maxCycle})`,
    `Heap: up to ${h.maxStartMB} MB at GC start, ${h.maxEndMB} MB at GC end, ${h.maxLiveMB} MB live (${h.lastLiveMB} MB at the last GC); goal up to ${h.maxGoalMB} MB`,
  ];
  const skipped = [
    s.missingCycles ? `${s.missingCycles} cycle number${s.missingCycles === 1 ? '' : 's'} missing` : '',
    s.malformedLines ? `${s.malformedLines} broken gctrace lines skipped (first at line ${log.malformed[0].line + 1})` : '',
    s.otherLines ? `${s.otherLines} other line${s.otherLines === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (skipped.length) lines.push(`Log: ${skipped.join('; ')}`);
  lines.push('', renderTable(['gc', '@s', 'cpu%', 'STW1 ms', 'mark ms', 'STW2 ms', 'start→end→live MB', 'goal MB', 'P', ''], log.cycles.map(row)));
  return lines.join('\n');
}

function row(c: GcCycle): string[] {
  return [String(c.n), c.atSec.toFixed(3), `${c.cpuPercent}%`, ...c.clockMs.map(String), c.heapMB.join('→'), String(c.goalMB), String(c.procs), c.forced ? 'forced' : ''];
}
