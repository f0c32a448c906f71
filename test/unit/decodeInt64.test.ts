import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeProfile } from '../../src/core/pprof/decode';
import { sampleLabels } from '../../src/core/pprof/model';
import { encodeProfile } from '../support/encodeProfile';
import { parsePprofRaw, skipUnlessGo } from '../support/goTools';

/**
 * Values Go's heap profiles never hold but delta profiles, diffs and other
 * producers do: negative sample values, addresses past 2^53, negative time.
 * `go tool pprof -raw` reads the same bytes and is the judge.
 */
const spec = {
  sampleTypes: [['alloc_space', 'bytes'], ['inuse_space', 'bytes']] as [string, string][],
  samples: [
    { locationIds: [1], values: [-5, 4096], labels: [{ key: 'bytes', num: -64 }] },
    { locationIds: [1, 2], values: [-(2 ** 40), 7] },
    { locationIds: [2], values: [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER] },
  ],
  locations: [
    { id: 1, mappingId: 1, address: 0xffffffff12345678n, lines: [{ functionId: 1, line: 10 }] },
    { id: 2, mappingId: 1, address: 0x20000000000001n, lines: [{ functionId: 2, line: 20 }] },
  ],
  functions: [{ id: 1, name: 'main.f', file: '/x/main.go' }, { id: 2, name: 'main.main', file: '/x/main.go' }],
  mappings: [{ id: 1, start: 0xffffffff00000000n, limit: 0xffffffffffff0000n, file: 'bin' }],
  timeNanos: -1n,
};

test('negative values and 64-bit addresses come out exact', () => {
  const p = decodeProfile(encodeProfile(spec));
  assert.deepEqual(Array.from(p.samples.values), [-5, 4096, -(2 ** 40), 7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
  assert.equal(p.inexactValues, 0);
  assert.equal(p.locations[0].address, 0xffffffff12345678n);
  assert.equal(p.locations[1].address, 0x20000000000001n);
  assert.equal(p.mappings[0].memoryLimit, 0xffffffffffff0000n);
  assert.equal(p.timeNanos, -1n);
  assert.deepEqual(sampleLabels(p, 0), [{ key: 'bytes', num: -64 }]);
});

test('values past 2^53 are counted as inexact, not silently wrong', () => {
  const p = decodeProfile(encodeProfile({ ...spec, samples: [{ locationIds: [1], values: [2n ** 60n + 1n, 1] }] }));
  assert.equal(p.inexactValues, 1);
  assert.equal(p.samples.values[0], 2 ** 60);
});

test('go tool pprof -raw agrees on the same bytes', { skip: skipUnlessGo() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomem-int64-'));
  const file = join(dir, 'crafted.pb');
  writeFileSync(file, encodeProfile(spec));
  const raw = parsePprofRaw(execFileSync('go', ['tool', 'pprof', '-raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const p = decodeProfile(encodeProfile(spec));
  assert.deepEqual(raw.samples.map((s) => s.values), [[-5, 4096], [-(2 ** 40), 7], [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]]);
  const ours = p.locations.map((l) => l.address);
  const theirs = [...raw.locations.values()].sort((a, b) => a.id - b.id).map((l) => l.address);
  assert.deepEqual(ours, theirs);
});
