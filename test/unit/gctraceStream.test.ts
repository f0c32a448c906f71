import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LineBuffer } from '../../src/core/gctrace/lineBuffer';
import { parseGcTrace } from '../../src/core/gctrace/parseLog';
import { GcTraceStream } from '../../src/core/gctrace/stream';
import { worstPauseMs } from '../../src/core/gctrace/summary';
import { gcLinesOf } from '../support/gctraceFixture';
import { goldenPath } from '../support/goTools';

/**
 * What the debug-session collector does with DAP output events: a real
 * run's stderr arrives cut anywhere, mixed with stdout; the stream must end
 * with the same cycles as the whole log parsed at once.
 */
const text = readFileSync(goldenPath('gcchurn.gctrace'), 'utf8');

/** Deterministic cut points (a small LCG), so a failure reproduces. */
function chunks(s: string, seed: number, max: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < s.length; ) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const n = 1 + (x % max);
    out.push(s.slice(i, i + n));
    i += n;
  }
  return out;
}

test('stream: output cut at random places gives the cycles of the whole log, with the running worst pause', () => {
  const whole = parseGcTrace(text);
  for (const [seed, max] of [[1, 3], [7, 40], [42, 200], [9, 5000]]) {
    const s = new GcTraceStream();
    let counted = 0;
    for (const c of chunks(text, seed, max)) counted += s.push('stderr', c);
    counted += s.flush();
    assert.equal(counted, whole.cycles.length, `seed ${seed}`);
    assert.equal(s.cycles, whole.cycles.length);
    assert.deepEqual(s.lines, gcLinesOf(text));
    assert.equal(s.worstMs, Math.max(...whole.cycles.map(worstPauseMs)));
    assert.equal(s.worstCycle, 36);
    assert.equal(s.last?.n, 46);
    assert.equal(s.forced, whole.cycles.filter((c) => c.forced).length);
  }
});

test('stream: stderr and stdout chunks interleaved do not split each other\'s lines', () => {
  const stdout = Array.from({ length: 40 }, (_, i) => `round ${i}: some program output without gc in it\n`).join('');
  const a = chunks(text, 3, 17);
  const b = chunks(stdout, 5, 11);
  const s = new GcTraceStream();
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) s.push('stderr', a[i]);
    if (b[i]) s.push('stdout', b[i]);
  }
  s.flush();
  assert.deepEqual(s.lines, gcLinesOf(text));
});

test('line buffer: CRLF split between chunks, a last line without newline, a runaway line is cut', () => {
  const b = new LineBuffer(10);
  assert.deepEqual(b.push('one\r'), []);
  assert.deepEqual(b.push('\ntwo\nthr'), ['one', 'two']);
  assert.deepEqual(b.push('ee'), []);
  assert.deepEqual(b.flush(), ['three']);
  assert.deepEqual(b.push('x'.repeat(25)), ['x'.repeat(10)]);
  assert.deepEqual(b.flush(), []);
});
