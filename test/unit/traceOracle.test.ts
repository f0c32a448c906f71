import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { TraceSummary } from '../../src/core/trace/summary/model';
import { summarizeTrace } from '../../src/core/trace/summary/summarizer';
import { skipUnlessGo } from '../support/goTools';
import {
  GOLDEN_TRACES,
  assertBlockBehaviour,
  assertGcBehaviour,
  assertLeakBehaviour,
  frameKey,
  goldenFactsPath,
  goldenTracePath,
  gomemParsedText,
  goToolTraceParsed,
  parseParsedText,
  runTraceFixture,
  type ParsedFacts,
} from '../support/traceTools';

/**
 * gomem's trace reader and summary against Go's own reader on the same
 * files. Two checks per trace:
 *  1. every event, printed the way `go tool trace -d=parsed` prints it
 *     (order, time, M/P/G, states, reasons, stacks), is byte-identical to
 *     Go's output — for committed traces via the SHA-256 Go's text had when
 *     they were recorded, for fresh ones against the live tool;
 *  2. the summary's GC cycles, STW pauses, every HeapAlloc/HeapGoal and
 *     GOMAXPROCS value, goroutine creations by site, goroutines alive at the
 *     end and blocked time by reason equal the same quantities computed from
 *     Go's text (traceTools.parseParsedText), exactly.
 */
const ALL = { topN: Number.POSITIVE_INFINITY };

interface GoldenFacts {
  producedBy: string;
  parsedSha256: string;
  facts: ParsedFacts;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function countBy<T>(items: T[], key: (t: T) => string, count: (t: T) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + count(i);
  return out;
}

/** The summary in the shape of ParsedFacts (absolute times), for one deepEqual per quantity. */
function summaryFacts(s: TraceSummary): Omit<ParsedFacts, 'events'> {
  const abs = (series: Array<[number, number]>) => series.map(([t, v]): [number, number] => [t + s.startNs, v]);
  return {
    startNs: s.startNs,
    endNs: s.startNs + s.durationNs,
    gcCount: s.gcCount,
    gcs: s.gcs.map((g) => ({ startNs: g.startNs + s.startNs, durationNs: g.durationNs, startedBeforeTrace: g.startedBeforeTrace })),
    stw: s.stwPauses.map((p) => ({ kind: p.kind, startNs: p.startNs + s.startNs, durationNs: p.durationNs })),
    heapAlloc: abs(s.heapAlloc),
    heapGoal: abs(s.heapGoal),
    gomaxprocs: abs(s.gomaxprocsSeries),
    created: s.goroutines.created,
    createdBySite: countBy(s.goroutines.createdBySite, (c) => (c.stack.length ? frameKey(c.stack[0]) : ''), (c) => c.count),
    aliveAtEnd: s.goroutines.aliveAtEnd,
    aliveByStack: countBy(
      s.goroutines.aliveAtEndBySite,
      (a) => (a.createdInTrace ? a.stack.map(frameKey).join(' < ') : `entry:${a.entry}`),
      (a) => a.count,
    ),
    blockedNsByReason: s.blockedNsByReason,
    markAssistNs: s.markAssist.totalNs,
  };
}

function assertSummaryEqualsGo(s: TraceSummary, f: ParsedFacts, what: string): void {
  const mine = summaryFacts(s);
  for (const key of Object.keys(mine) as Array<keyof typeof mine>) {
    assert.deepEqual(mine[key], f[key], `${what}: ${key}`);
  }
}

/** First differing line, for a readable failure instead of two megabytes of text. */
function assertSameText(mine: string, go: string, what: string): void {
  if (mine === go) return;
  const a = mine.split('\n');
  const b = go.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`${what}: gomem and go tool trace -d=parsed differ at line ${i + 1}:\n  gomem: ${a[i]}\n  go:    ${b[i]}`);
}

for (const name of GOLDEN_TRACES) {
  test(`golden ${name}: every event as go tool trace -d=parsed printed it, and the summary equals Go's numbers`, () => {
    const golden = JSON.parse(readFileSync(goldenFactsPath(name), 'utf8')) as GoldenFacts;
    const file = goldenTracePath(name);
    // An odd chunk size: batches and varints straddle chunk boundaries.
    const text = gomemParsedText(file, 4093);
    assert.equal(sha256(text), golden.parsedSha256, `${name}: gomem's event text differs from Go's (${golden.producedBy})`);
    assert.equal(text.split('\n').filter((l) => l.startsWith('M=')).length, golden.facts.events);
    assertSummaryEqualsGo(summarizeTrace(readFileSync(file), ALL), golden.facts, name);
  });
}

test('golden traces read by the installed go tool trace still give the committed text', { skip: skipUnlessGo() }, async () => {
  for (const name of GOLDEN_TRACES) {
    const golden = JSON.parse(readFileSync(goldenFactsPath(name), 'utf8')) as GoldenFacts;
    const go = await goToolTraceParsed(goldenTracePath(name));
    assertSameText(gomemParsedText(goldenTracePath(name)), go, name);
    assert.equal(sha256(go), golden.parsedSha256, `${name}: the installed Go prints this trace differently; run node scripts/update-golden-traces.mjs`);
  }
});

const LIVE = ['gc', 'block', 'leak'] as const;
const BEHAVIOUR = {
  gc: assertGcBehaviour,
  block: (s: TraceSummary) => assertBlockBehaviour(s, process.platform === 'linux'),
  leak: assertLeakBehaviour,
};
// Build and run the fixtures side by side while the golden tests run.
if (!skipUnlessGo()) for (const f of LIVE) void runTraceFixture(f).catch(() => undefined);

for (const fixture of LIVE) {
  test(`live trace-${fixture} run: gomem equals go tool trace -d=parsed, event by event and in the summary`, { skip: skipUnlessGo() }, async () => {
    const file = await runTraceFixture(fixture);
    const go = await goToolTraceParsed(file);
    assertSameText(gomemParsedText(file), go, `trace-${fixture}`);
    const summary = summarizeTrace(readFileSync(file), ALL);
    assertSummaryEqualsGo(summary, parseParsedText(go), `trace-${fixture}`);
    BEHAVIOUR[fixture](summary);
  });
}
