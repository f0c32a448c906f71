import type { GcCycle } from './model';

/**
 * Where a gctrace line starts: "gc N @" at the start of the line or after a
 * non-word character, so prefixes (timestamps, "stderr: ", a program's own
 * unterminated output) are skipped and words like "pgc 1 @" are not.
 */
const START = /(?:^|[^\w])(gc \d+ @)/;

/**
 * The line from "gc" on. Every repetition is over characters its neighbours
 * cannot match, so matching stays linear on hostile input. Optional parts
 * cover other Go versions: notes in parentheses after the percentage
 * ("(checking for goroutine leaks)", Go 1.26), 3 to 5 clock phases (Go 1.5
 * printed 5), and no stacks/globals before Go 1.19.
 */
const LINE =
  /^gc (\d+) @(\d+(?:\.\d+)?)s (\d+)%(?: \([^()]{0,80}\))*: ([\d.]+(?:\+[\d.]+){2,4}) ms clock, ([\d.]+(?:[+/][\d.]+){0,8}) ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal,(?: (\d+) MB stacks,)?(?: (\d+) ?MB globals,)? (\d+) P( \(forced\))?(?!\w)/;

/** Longer lines are cut before matching: a real gctrace line is under 250 characters. */
const MAX_LINE = 1024;

export type LineResult = { kind: 'cycle'; cycle: GcCycle } | { kind: 'malformed' } | { kind: 'other' };

/** Classifies one line of a log: a GC cycle, a broken gctrace line, or anything else. */
export function parseGcTraceLine(text: string, line: number): LineResult {
  const head = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  const start = START.exec(head);
  if (!start) return { kind: 'other' };
  const m = LINE.exec(head.slice(start.index + start[0].length - start[1].length));
  const cycle = m ? toCycle(m, line) : undefined;
  return cycle ? { kind: 'cycle', cycle } : { kind: 'malformed' };
}

function toCycle(m: RegExpExecArray, line: number): GcCycle | undefined {
  const clock = numbers(m[4].split('+'));
  const cpu = numbers(m[5].split(/[+/]/));
  const [n, atSec, cpuPercent, h0, h1, h2, goalMB, procs] = numbers([m[1], m[2], m[3], m[6], m[7], m[8], m[9], m[12]]) ?? [];
  if (!clock || !cpu || n === undefined || !Number.isSafeInteger(n)) return undefined;
  const cycle: GcCycle = {
    n,
    atSec,
    cpuPercent,
    clockMs: threePhases(clock),
    cpuMs: cpu,
    heapMB: [h0, h1, h2],
    goalMB,
    procs,
    forced: m[13] !== undefined,
    line,
  };
  if (m[10] !== undefined) cycle.stacksMB = Number(m[10]);
  if (m[11] !== undefined) cycle.globalsMB = Number(m[11]);
  return cycle;
}

/** Numbers from digit strings; undefined if any is not a finite number ("1.2.3", 400 digits). */
function numbers(parts: string[]): number[] | undefined {
  const out = parts.map(Number);
  return out.every(Number.isFinite) ? out : undefined;
}

/**
 * The first and last phases are the stop-the-world ones in every format;
 * Go 1.5's extra middle phases are concurrent and add up to the mark.
 */
function threePhases(clock: number[]): [number, number, number] {
  const mark = clock.slice(1, -1).reduce((a, b) => a + b, 0);
  return [clock[0], mark, clock[clock.length - 1]];
}
