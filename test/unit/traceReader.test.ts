import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BatchStream } from '../../src/core/trace/batchStream';
import { TraceFormatError, UnsupportedTraceVersionError } from '../../src/core/trace/errors';
import { EV, SPECS, specFor, SUPPORTED_VERSIONS } from '../../src/core/trace/events';
import { readHeader } from '../../src/core/trace/header';
import { TraceReader } from '../../src/core/trace/reader';
import type { TraceEvent } from '../../src/core/trace/traceEvent';
import { summarizeTrace } from '../../src/core/trace/summary/summarizer';
import { skipUnlessGo } from '../support/goTools';
import {
  GOLDEN_TRACES,
  OLD_FORMAT_TRACE,
  TraceWriter,
  ev,
  formatParsedEvent,
  goRoot,
  goToolTraceParsed,
  goldenTracePath,
  parseGoEventSpecs,
  parseGoVersionLimits,
  readGoSource,
  stringsBatch,
  syncBatch,
  tinyTrace,
  traceTempDir,
  uvarint,
} from '../support/traceTools';

/** Reads bytes in chunks of `chunk`; returns the events as -d=parsed text lines. */
function read(bytes: Uint8Array, chunk = bytes.length || 1): { lines: string[]; reader: TraceReader } {
  const lines: string[] = [];
  const reader = new TraceReader((e: TraceEvent) => lines.push(formatParsedEvent(e)));
  for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
  reader.end();
  return { lines, reader };
}

/** The error reading `bytes` throws; fails when it reads fine or throws anything but a TraceFormatError. */
function readError(bytes: Uint8Array): TraceFormatError {
  try {
    read(bytes);
  } catch (err) {
    assert.ok(err instanceof TraceFormatError, `expected a TraceFormatError, got ${(err as Error)?.stack ?? String(err)}`);
    return err;
  }
  assert.fail('expected the trace to be rejected');
}

const golden = (name: string) => Uint8Array.from(readFileSync(goldenTracePath(name)));

/** File offsets where batches start (and the end of the file). */
function batchStarts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  const s = new BatchStream((b) => starts.push(b.endOfGeneration ? b.offset : b.offset - headerLength(bytes, b.offset)));
  s.push(bytes);
  s.end();
  return [...starts, bytes.length];
}

/** Length of the batch header that ends at `dataOffset`: walk back over the four varints and the type byte. */
function headerLength(bytes: Uint8Array, dataOffset: number): number {
  let i = dataOffset - 1;
  for (let v = 0; v < 4; v++) {
    i--; // last byte of the previous varint (or the type byte after the loop)
    while (bytes[i] >= 0x80) i--;
  }
  return dataOffset - i;
}

test('header: every supported version is read; old, unknown and foreign headers are refused with what was found', () => {
  for (const v of SUPPORTED_VERSIONS) assert.equal(readHeader(new TraceWriter(v).build()), v);
  for (const v of [11, 19, 21, 5]) {
    const err = readError(new TraceWriter(v).raw(0, 1, 2).build());
    assert.ok(err instanceof UnsupportedTraceVersionError);
    assert.equal(err.version, v);
    assert.match(err.message, new RegExp(`found a Go 1\\.${v} trace; gomem reads .* Go 1\\.22 and newer`));
  }
  assert.match(readError(new TraceWriter(24).build()).message, /unknown trace version go 1\.24/);
  assert.match(readError(new TraceWriter(27).build()).message, /unknown trace version go 1\.27/);
  const pprof = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3, 4, 5, 6, 7]);
  assert.match(readError(pprof).message, /not a Go execution trace: expected "go 1\.NN trace\\0\\0\\0", found "\\x1f\\x8b\\x08/);
  assert.match(readError(Uint8Array.from([0x67, 0x6f])).message, /too short for a trace header: 2 bytes, found "go"/);
  assert.match(readError(new Uint8Array(0)).message, /too short for a trace header: 0 bytes/);
});

test('a real Go 1.21 trace is declined as the old format, not misread', () => {
  const err = readError(golden(OLD_FORMAT_TRACE));
  assert.ok(err instanceof UnsupportedTraceVersionError);
  assert.equal(err.version, 21);
  assert.match(err.message, /^header: found a Go 1\.21 trace/);
});

test('a header with no generation after it is an error, not an empty summary', () => {
  assert.match(readError(new TraceWriter(26).build()).message, /holds no generation/);
});

test('the small synthetic trace reads as the runtime would have written it', () => {
  const { lines } = read(tinyTrace());
  const kinds = lines.map((l) => l.split('\n')[0].replace(/ Time=\d+/, ''));
  assert.deepEqual(kinds.slice(0, 4), [
    'M=-1 P=-1 G=-1 Sync N=1 Trace=5760 Mono=1000 Wall=2023-11-14T22:13:20.000000005Z',
    'M=1 P=-1 G=-1 StateTransition ProcID=0 Undetermined->Running Reason=""',
    'M=1 P=0 G=-1 StateTransition GoID=1 Undetermined->Running Reason=""',
    'M=1 P=0 G=1 StateTransition GoID=2 NotExist->Runnable Reason=""',
  ]);
  assert.match(lines[4], /^M=1 P=0 G=1 StateTransition Time=\d+ GoID=1 Running->Waiting Reason="chan receive"\nTransitionStack=\n\tmain\.f @ 0x401000\n\t\tmain\.go:7\n/);
  assert.equal(lines.length, 11);
  // 1 tick = 64 ns; the batch starts at tick 100, each event 1 tick after the one before.
  assert.match(lines[1], / Time=6400 /);
  assert.match(lines[2], / Time=6464 /);
  assert.match(lines[10], /^M=-1 P=-1 G=-1 Sync Time=6913 N=2$/);
  assert.match(lines[9], /Metric Time=\d+ Name="\/memory\/classes\/heap\/objects:bytes" Value=Value\{Uint64\(4096\)\}/);
});

test('go tool trace reads the synthetic trace exactly as gomem does', { skip: skipUnlessGo() }, async () => {
  const file = path.join(traceTempDir('gomem-tiny-'), 'tiny.trace');
  writeFileSync(file, tinyTrace());
  assert.equal(read(tinyTrace()).lines.map((l) => l + '\n').join(''), await goToolTraceParsed(file));
});

test('every golden trace reads the same in chunks of any size (1 byte, 7, 4093, whole)', () => {
  for (const name of ['block-go1.26', 'leak-go1.22']) {
    const bytes = golden(name);
    const whole = read(bytes).lines.join('\n');
    for (const chunk of [1, 7, 4093]) assert.equal(read(bytes, chunk).lines.join('\n'), whole, `${name} in chunks of ${chunk}`);
  }
});

test('CPU samples (a CPU profile ran while tracing) come out among the events, as StackSamples with their stacks', () => {
  // Their placement and times are checked against Go's in traceOracle.test.ts (the golden's SHA-256).
  const samples = read(golden('gc-go1.26')).lines.filter((l) => / StackSample Time=\d+\nStack=\n\t/.test(l));
  assert.ok(samples.length >= 1, 'the gc program profiles CPU while tracing');
});

test('memory: a multi-generation trace holds one generation at a time', () => {
  for (const name of ['leak-go1.26', 'leak-go1.25', 'leak-go1.22']) {
    const bytes = golden(name);
    const { reader } = read(bytes, 1024);
    assert.equal(reader.stats.generations, 3, name);
    assert.ok(reader.stats.largestGenerationBytes < bytes.length / 2, `${name}: ${JSON.stringify(reader.stats)} of ${bytes.length}`);
  }
});

test('truncated anywhere inside a batch: a TraceFormatError that says so, for every version', () => {
  for (const name of ['block-go1.26', 'block-go1.25', 'block-go1.23', 'block-go1.22']) {
    const bytes = golden(name);
    const starts = batchStarts(bytes);
    for (let b = 0; b + 1 < starts.length; b++) {
      // Inside the header, just after it, in the middle and one byte short of the end.
      const [from, to] = [starts[b], starts[b + 1]];
      for (const cut of new Set([from + 1, from + 3, Math.floor((from + to) / 2), to - 1])) {
        if (cut <= from || cut >= to) continue;
        const err = readError(bytes.subarray(0, cut));
        assert.match(err.message, /truncated/, `${name} cut at ${cut} (batch ${from}..${to}): ${err.message}`);
      }
    }
  }
});

test('Go 1.26: cut at a batch boundary is still detected (no end-of-generation marker)', () => {
  const bytes = golden('leak-go1.26');
  const starts = batchStarts(bytes);
  let checked = 0;
  for (const cut of starts.slice(1, -1)) {
    if (bytes[cut - 1] === EV.EndOfGeneration && bytes[cut] === EV.EventBatch) continue; // a whole generation: valid
    assert.match(readError(bytes.subarray(0, cut)).message, /no end-of-generation marker: the trace is truncated/);
    checked++;
  }
  assert.ok(checked > 5);
});

test('corrupted varints: longer than 10 bytes, overflowing 64 bits, running off the batch', () => {
  const tooLong = new TraceWriter(26).raw(EV.EventBatch, ...Array(11).fill(0x80), 1, 0, 0, 0).build();
  assert.match(readError(tooLong).message, /varint in batch generation is longer than 10 bytes \(at byte 17\)/);
  const overflow = new TraceWriter(26).raw(EV.EventBatch, ...Array(9).fill(0xff), 0x02, 1, 0, 0).build();
  assert.match(readError(overflow).message, /varint in batch generation overflows 64 bits/);
  // An event whose last argument never terminates.
  const runaway = tinyTrace([ev(EV.ProcStatus, 0, 0, 1), [EV.HeapAlloc, 1, 0xff, 0xff, 0xff]]);
  assert.match(readError(runaway).message, /^varint: truncated varint in event argument \(at byte \d+\)/);
  // Every byte of the size varint corrupted in a real trace.
  const bytes = golden('block-go1.26');
  const bad = Uint8Array.from(bytes);
  bad.fill(0xff, 17, 17 + 12);
  assert.match(readError(bad).message, /varint/);
});

test('hostile sizes and tables are refused before anything is allocated for them', () => {
  const t = (data: number[]) => new TraceWriter(26).batch(1, 0, 1, syncBatch()).batch(1, 0, 1, data).endOfGeneration().build();
  const huge = new TraceWriter(26).raw(EV.EventBatch, 1, 0, 0, ...uvarint(1 << 20)).build();
  assert.match(readError(huge).message, /invalid batch size 1048576, the maximum is 65536/);
  assert.match(readError(t([EV.Strings, EV.String, 1, ...uvarint(5000)])).message, /invalid string size 5000/);
  assert.match(readError(t([EV.Stacks, EV.Stack, 1, ...uvarint(1000)])).message, /invalid stack size 1000, the maximum is 128/);
  assert.match(readError(t([...stringsBatch({ 1: 'a' }), EV.String, 1, 1, 0x62])).message, /two strings with id 1/);
  assert.match(readError(new TraceWriter(26).raw(7, 1, 2, 3).build()).message, /expected a batch \(type 1 or 49\), found event type 7 \(at byte 16\)/);
  assert.match(readError(new TraceWriter(26).batch(1, 0, 1, [EV.Strings]).endOfGeneration().build()).message, /no Frequency event found/);
  assert.match(readError(new TraceWriter(25).batch(1, 0, 1, [EV.Sync, ...ev(EV.Frequency, 1000)]).build()).message, /no ClockSnapshot event found/);
  assert.match(readError(new TraceWriter(22).batch(1, 0, 1, ev(EV.Frequency, 1000)).batch(3, 0, 1, ev(EV.Frequency, 1000)).build()).message, /generations out of order/);
  assert.match(readError(new TraceWriter(22).raw(EV.EndOfGeneration).build()).message, /end-of-generation marker in a Go 1\.22 trace/);
});

test('events the scheduler could not have produced are refused with the event and place', () => {
  const base = [ev(EV.ProcStatus, 0, 0, 1), ev(EV.GoStatus, 1, 1, -1, 2)];
  const cases: Array<[number[][], RegExp]> = [
    [[...base, ev(EV.GoCreate, 1, 1, 1, 1)], /GoCreate at \d+ ns: tried to create goroutine 1, which already exists/],
    [[...base, ev(EV.GoStart, 1, 7, 1)], /no thread's next event can happen next; frontier: M 1 GoStart/],
    [[ev(EV.GoBlock, 1, 1, 1)], /GoBlock at \d+ ns: expected a proc but had none/],
    [[...base, ev(EV.GoBlock, 1, 9, 1)], /GoBlock names string 9, which does not exist/],
    [[...base, ev(EV.GoBlock, 1, 1, 9)], /GoBlock names stack 9, which does not exist/],
    [[...base, ev(EV.STWEnd, 1)], /STWEnd without STWBegin in flight/],
    [[...base, [60, 1]], /invalid event type 60/],
    [[...base, ev(EV.Stack, 1, 1)], /event type 3 \(Stack\) is not a timed event of the Go 1\.26 format/],
  ];
  for (const [events, re] of cases) assert.match(readError(tinyTrace(events)).message, re);
  // A Go 1.22 trace cannot hold events added in 1.23.
  const v22 = new TraceWriter(22).batch(1, 0, 1, ev(EV.Frequency, 1000)).batch(1, 1, 2, [...ev(EV.ProcStatus, 0, 0, 1), ...ev(EV.GoStatusStack, 1, 1, -1, 2, 0)]).build();
  assert.match(readError(v22).message, /event type 48 \(GoStatusStack\) is not a timed event of the Go 1\.22 format/);
});

test('random corruption of real traces: a result or a TraceFormatError, never another exception, never a hang', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  let rejected = 0;
  for (const name of GOLDEN_TRACES) {
    const orig = golden(name);
    for (let i = 0; i < 60; i++) {
      const b = Uint8Array.from(orig);
      for (let k = 0; k <= rnd(3); k++) b[16 + rnd(b.length - 16)] = rnd(256);
      const started = Date.now();
      try {
        summarizeTrace(b);
      } catch (err) {
        assert.ok(err instanceof TraceFormatError, `${name} mutation ${i}: ${(err as Error)?.stack}`);
        rejected++;
      }
      assert.ok(Date.now() - started < 5000, `${name} mutation ${i} took ${Date.now() - started} ms`);
    }
  }
  assert.ok(rejected > 50, `only ${rejected} of the mutations were rejected`);
});

test("gomem's event table is Go's (internal/trace/tracev2/events.go and version/version.go)", { skip: skipUnlessGo() }, async () => {
  const root = await goRoot();
  const goSpecs = parseGoEventSpecs(readGoSource(root, 'internal/trace/tracev2/events.go'));
  assert.equal(goSpecs.length, SPECS.filter(Boolean).length);
  for (const g of goSpecs) {
    const mine = SPECS[g.type];
    assert.ok(mine, `type ${g.type} (${g.name}) missing`);
    assert.deepEqual(
      { name: mine.name, args: mine.args, timed: mine.timed, stack: mine.stackArgs.map((i) => i + 1), string: mine.stringArgs.map((i) => i + 1), startEv: mine.startEv, exp: mine.experiment !== 0 },
      { name: g.name, args: g.args, timed: g.timed, stack: g.stackIds, string: g.stringIds, startEv: g.startEv, exp: g.experimental },
      `type ${g.type}`,
    );
  }
  const limits = parseGoVersionLimits(readGoSource(root, 'internal/trace/version/version.go'), goSpecs);
  assert.deepEqual(Object.keys(limits).map(Number), [...SUPPORTED_VERSIONS]);
  for (const v of SUPPORTED_VERSIONS) {
    for (let t = 1; t < 128; t++) assert.equal(!!specFor(v, t), t <= limits[v] && !!SPECS[t], `version ${v} type ${t}`);
  }
});
