import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatShare, formatValue } from '../../src/core/format/units';

test('bytes scale by 1024 with pprof unit names; negatives keep their sign', () => {
  assert.equal(formatValue(0, 'bytes'), '0 B');
  assert.equal(formatValue(1023, 'bytes'), '1023 B');
  assert.equal(formatValue(1536, 'bytes'), '1.5 kB');
  assert.equal(formatValue(1.25 * 1024 ** 3, 'bytes'), '1.25 GB');
  assert.equal(formatValue(-2 * 1024 * 1024, 'bytes'), '-2 MB');
});

test('counts scale by 1000, time by ns/µs/ms/s', () => {
  assert.equal(formatValue(3400, 'count'), '3.4k');
  assert.equal(formatValue(12, 'count'), '12');
  assert.equal(formatValue(1_500_000, 'nanoseconds'), '1.5 ms');
  assert.equal(formatValue(2.5e9, 'nanoseconds'), '2.5 s');
});

test('shares', () => {
  assert.equal(formatShare(1, 4), '25%');
  assert.equal(formatShare(1, 0), '');
  assert.equal(formatShare(1, 300), '0.33%');
});
