import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { GcCycle } from '../../src/core/gctrace/model';
import { parseGcTraceLine } from '../../src/core/gctrace/parseLine';
import { parseGcTrace } from '../../src/core/gctrace/parseLog';
import { summarizeGcTrace } from '../../src/core/gctrace/summary';
import { gcLinesOf, runGcChurn, splitGcLine } from '../support/gctraceFixture';
import { goldenPath, skipUnlessGo } from '../support/goTools';

/** The parser's cycle against the same line taken apart by hand (split on its separators). */
function assertSameAsSplit(c: GcCycle, line: string): void {
  const s = splitGcLine(line);
  assert.equal(c.n, s.n, line);
  assert.equal(c.atSec, s.atSec, line);
  assert.equal(c.cpuPercent, s.percent, line);
  assert.deepEqual(c.clockMs, s.clockMs, line);
  assert.deepEqual(c.cpuMs, s.cpuMs, line);
  assert.deepEqual(c.heapMB, s.heapMB, line);
  assert.equal(c.goalMB, s.goalMB, line);
  assert.equal(c.stacksMB, s.stacksMB, line);
  assert.equal(c.globalsMB, s.globalsMB, line);
  assert.equal(c.procs, s.procs, line);
  assert.equal(c.forced, s.forced, line);
}

test('a real run with GODEBUG=gctrace=1: one cycle per printed line, every field as printed', { skip: skipUnlessGo() }, async () => {
  const run = await runGcChurn();
  const printed = gcLinesOf(run.stderr);
  assert.ok(printed.length >= 7, `only ${printed.length} GCs printed`);
  const log = parseGcTrace(run.stderr);
  assert.equal(log.cycles.length, printed.length);
  assert.deepEqual(log.malformed, []);
  // The program's own stderr lines: one per round and "done".
  assert.equal(log.otherLines, run.stderr.split('\n').filter((l) => l.startsWith('gcchurn: ')).length);
  log.cycles.forEach((c, i) => assertSameAsSplit(c, printed[i]));
  // Line numbers point at the lines themselves.
  const all = run.stderr.split('\n');
  for (const c of log.cycles) assert.match(all[c.line], new RegExp(`^gc ${c.n} @`));
  // Six runtime.GC() rounds (and the leak check's own forced GC).
  const forced = printed.filter((l) => l.endsWith(' (forced)')).length;
  assert.ok(forced >= 6, `${forced} forced`);
  assert.equal(log.cycles.filter((c) => c.forced).length, forced);
  if (run.experiment) assert.ok(printed.some((l) => / \(checking for goroutine leaks\): /.test(l)), 'the leak-check GC line');
});

test('the committed run (golden/gcchurn.gctrace), checked by hand', () => {
  const text = readFileSync(goldenPath('gcchurn.gctrace'), 'utf8');
  const log = parseGcTrace(text);
  const printed = gcLinesOf(text);
  assert.equal(log.cycles.length, 46);
  assert.equal(printed.length, 46);
  log.cycles.forEach((c, i) => assertSameAsSplit(c, printed[i]));
  const byN = (n: number) => log.cycles.find((c) => c.n === n)!;
  // The head of the first line, rebuilt from the parsed fields: "gc 1 @0.000s 10%".
  const first = printed[0];
  assert.equal(first.slice(0, first.indexOf(':')), `gc 1 @${byN(1).atSec.toFixed(3)}s ${byN(1).cpuPercent}%`);
  // Whole milliseconds from 10 ms on (fmtNSAsMS): "159+4.6+0.007 ms clock".
  assert.deepEqual(byN(36).clockMs, [159, 4.6, 0.007]);
  assert.deepEqual(byN(36).cpuMs, [319, 0.074, 1.1, 0, 0.014]);
  assert.deepEqual(byN(36).heapMB, [21, 46, 30]);
  assert.equal(byN(36).goalMB, 24);
  assert.equal(byN(36).forced, false);
  // Go 1.26's note after the percentage, on a forced GC.
  const leak = byN(46);
  assert.deepEqual([leak.atSec, leak.cpuPercent, leak.clockMs, leak.heapMB, leak.goalMB, leak.procs, leak.forced], [0.759, 13, [1.7, 0.16, 0.003], [6, 6, 6], 12, 2, true]);
  const s = summarizeGcTrace(log);
  assert.equal(s.cycles, 46);
  assert.equal(s.forced, printed.filter((l) => l.endsWith('(forced)')).length);
  assert.equal(s.pauses.count, 92);
  assert.equal(s.pauses.maxMs, 159);
  assert.equal(s.pauses.maxCycle, 36);
  assert.equal(s.gcCpuPercent, 13);
  assert.equal(s.heap.lastLiveMB, 6);
  assert.equal(s.heap.maxGoalMB, Math.max(...printed.map((l) => splitGcLine(l).goalMB)));
  assert.equal(s.otherLines, 7);
  assert.equal(s.missingCycles, 0);
});

test('pause percentiles: nearest rank over both stop-the-world phases of every cycle', () => {
  const log = parseGcTrace(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8'));
  const phases = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8')).flatMap((l) => {
    const c = splitGcLine(l).clockMs;
    return [c[0], c[2]];
  }).sort((a, b) => a - b);
  const s = summarizeGcTrace(log);
  assert.equal(s.pauses.p50Ms, phases[Math.ceil(0.5 * phases.length) - 1]);
  assert.equal(s.pauses.p99Ms, phases[Math.ceil(0.99 * phases.length) - 1]);
  assert.equal(s.pauses.totalMs, Math.round(phases.reduce((a, b) => a + b, 0) * 1000) / 1000);
});

test('prefixed and interleaved lines: timestamps, debug console prefixes, program output on the same line', () => {
  const lines = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8'));
  const prefixes = ['2026-11-22T05:40:00.123Z ', 'Nov 22 05:40:00.123 ', '[stderr] ', 'stderr: ', 'loading…gcchurn: partial output ', '\t'];
  lines.forEach((line, i) => {
    const r = parseGcTraceLine(prefixes[i % prefixes.length] + line + '\r', 7);
    assert.equal(r.kind, 'cycle', line);
    if (r.kind === 'cycle') assertSameAsSplit(r.cycle, line);
  });
  // "gc" must start a word: "xgc 1 @" is someone else's text.
  assert.equal(parseGcTraceLine('xgc 1 @0.1s 1%: 1+1+1 ms clock, 1+1/1/1+1 ms cpu, 1->1->1 MB, 1 MB goal, 1 P', 0).kind, 'other');
});

test('Go 1.18 and older (no stacks and globals): the same line as that printer wrote it', () => {
  // Before Go 1.19 the printer stopped after "MB goal, " with "N P": drop the two fields from real lines.
  const lines = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8')).map((l) => l.replace(/ \d+ MB stacks, \d+ MB globals,/, '').replace(/ \(checking for goroutine leaks\)/, ''));
  const log = parseGcTrace(lines.join('\n'));
  assert.equal(log.cycles.length, lines.length);
  for (const c of log.cycles) {
    assert.equal(c.stacksMB, undefined);
    assert.equal(c.globalsMB, undefined);
  }
  assert.deepEqual(log.cycles.map((c) => c.heapMB), lines.map((l) => splitGcLine(l.replace(' MB goal,', ' MB goal, 0 MB stacks, 0 MB globals,')).heapMB));
});

test('truncated lines never become cycles; they are counted as broken, not dropped', () => {
  const line = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8'))[5];
  const pAt = line.lastIndexOf(' P');
  for (let cut = 'gc 6 @'.length; cut <= pAt; cut++) {
    const r = parseGcTraceLine(line.slice(0, cut), 0);
    assert.equal(r.kind, 'malformed', JSON.stringify(line.slice(0, cut)));
  }
  const log = parseGcTrace(`${line}\n${line.slice(0, 40)}\nprogram output\n${line.slice(0, 80)}`);
  assert.equal(log.cycles.length, 1);
  assert.deepEqual(log.malformed.map((m) => m.line), [1, 3]);
  assert.equal(log.otherLines, 1);
});

test('hostile input: huge numbers, malformed numbers, binary garbage, long lines — skipped and counted, never thrown', () => {
  const ok = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8'))[0];
  const bad = [
    ok.replace(/^gc 1 /, `gc ${'9'.repeat(30)} `), // beyond 2^53
    ok.replace(/ \d+ MB goal/, ` ${'9'.repeat(400)} MB goal`), // Infinity
    ok.replace(/: [\d.]+\+/, ': 1.2.3+'),
    ok.replace(/ ms clock/, ' ms clack'),
  ];
  for (const b of bad) assert.equal(parseGcTraceLine(b, 0).kind, 'malformed', b);
  const garbage = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
  const long = 'gc 1 @1.000s 1%: ' + '1+'.repeat(200_000) + '1 ms clock';
  const log = parseGcTrace([ok, garbage, long, '\0\0\0', ...bad, ok].join('\n'));
  assert.equal(log.cycles.length, 2);
  assert.equal(log.malformed.length, 1 + bad.length);
  assert.ok(log.malformed.every((m) => m.text.length <= 200));
  assert.deepEqual(summarizeGcTrace(parseGcTrace('')), {
    cycles: 0, forced: 0, firstAtSec: 0, lastAtSec: 0,
    pauses: { count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, totalMs: 0, maxCycle: undefined },
    heap: { maxStartMB: 0, maxEndMB: 0, maxLiveMB: 0, lastLiveMB: 0, maxGoalMB: 0, lastGoalMB: 0 },
    gcCpuPercent: 0, missingCycles: 0, malformedLines: 0, otherLines: 0,
  });
});

test('a log that lost lines: the gaps in the numbering are counted', () => {
  const lines = gcLinesOf(readFileSync(goldenPath('gcchurn.gctrace'), 'utf8'));
  const s = summarizeGcTrace(parseGcTrace([lines[0], lines[3], lines[4], lines[10]].join('\n')));
  assert.equal(s.missingCycles, 2 + 5);
});
