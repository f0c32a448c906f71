import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFlameMessage } from '../../src/protocol/flame';
import { parseGcTraceMessage } from '../../src/protocol/gctraceView';
import { parseGoroutinesMessage } from '../../src/protocol/goroutineView';
import { parseMonitorMessage } from '../../src/protocol/monitor';
import { parseOverviewMessage } from '../../src/protocol/overview';
import { parseTraceMessage } from '../../src/protocol/traceView';

/**
 * A webview page is untrusted: each host checks what a page posts with its
 * parse*Message. The allow-listed messages come through as themselves;
 * anything else (wrong types, out-of-range numbers, extra kinds) is dropped.
 */
const junk: unknown[] = [null, undefined, 42, 'ready', [], {}, { type: 'eval', code: 'x' }, { type: 'ready ' }];

test('every page parser passes ready and drops junk', () => {
  for (const parse of [parseFlameMessage, parseGcTraceMessage, parseGoroutinesMessage, parseMonitorMessage, parseOverviewMessage, parseTraceMessage]) {
    assert.deepEqual(parse({ type: 'ready', extra: 1 }), { type: 'ready' }, parse.name);
    for (const m of junk) assert.equal(parse(m), undefined, `${parse.name} ${JSON.stringify(m)}`);
  }
});

test('source places: a file of sane length and a whole, non-negative line', () => {
  const cases: [(m: unknown) => unknown, string][] = [
    [parseTraceMessage, 'openFrame'],
    [parseGoroutinesMessage, 'openLocation'],
  ];
  for (const [parse, type] of cases) {
    assert.deepEqual(parse({ type, file: '/w/main.go', line: 12, more: 'x' }), { type, file: '/w/main.go', line: 12 });
    for (const bad of [{ file: '/w/main.go', line: -1 }, { file: '/w/main.go', line: 1.5 }, { file: '/w/main.go', line: '12' }, { file: 7, line: 1 }, { file: 'x'.repeat(5000), line: 1 }]) {
      assert.equal(parse({ type, ...bad }), undefined, `${type} ${JSON.stringify(bad).slice(0, 60)}`);
    }
  }
  assert.deepEqual(parseGcTraceMessage({ type: 'revealLine', line: 3 }), { type: 'revealLine', line: 3 });
  assert.equal(parseGcTraceMessage({ type: 'revealLine', line: -3 }), undefined);
});

test('indexes: whole, non-negative, below 1e8', () => {
  assert.deepEqual(parseFlameMessage({ type: 'openLocation', node: 5 }), { type: 'openLocation', node: 5 });
  assert.deepEqual(parseOverviewMessage({ type: 'openRow', granularity: 'lines', index: 0 }), { type: 'openRow', granularity: 'lines', index: 0 });
  for (const bad of [-1, 0.5, 1e8, Number.NaN, '3']) {
    assert.equal(parseFlameMessage({ type: 'openLocation', node: bad }), undefined);
    assert.equal(parseOverviewMessage({ type: 'setSampleType', index: bad }), undefined);
  }
  assert.equal(parseOverviewMessage({ type: 'openRow', granularity: 'files', index: 0 }), undefined);
});
