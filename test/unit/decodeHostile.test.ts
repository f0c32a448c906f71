import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeProfile } from '../../src/core/pprof/decode';
import { ProfileFormatError } from '../../src/core/pprof/errors';
import { pakoGunzip } from '../../src/core/pprof/gunzip';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { encodeProfile, type ProfileSpec } from '../support/encodeProfile';
import { goldenPath } from '../support/goTools';

/** Decoding bad bytes must end in a ProfileFormatError (or a valid profile), never anything else. */
function decodeOrFormatError(bytes: Uint8Array): 'ok' | 'error' {
  try {
    decodeProfile(bytes);
    return 'ok';
  } catch (err) {
    if (!(err instanceof ProfileFormatError)) throw new Error(`expected ProfileFormatError, got ${(err as Error).stack}`);
    return 'error';
  }
}

const goldenRaw = () => new Uint8Array(gunzipSync(readFileSync(goldenPath('heap.pb.gz'))));

const base: ProfileSpec = {
  sampleTypes: [['alloc_space', 'bytes']],
  samples: [{ locationIds: [1], values: [100] }],
  locations: [{ id: 1, lines: [{ functionId: 1, line: 3 }] }],
  functions: [{ id: 1, name: 'main.f', file: 'main.go' }],
};

test('every truncation of a real profile gives a typed error or a shorter valid profile', () => {
  const raw = goldenRaw();
  let errors = 0;
  // Every prefix would be slow for big files; the golden file is small enough.
  for (let n = 0; n < raw.length; n += Math.max(1, Math.floor(raw.length / 3000))) {
    if (decodeOrFormatError(raw.subarray(0, n)) === 'error') errors++;
  }
  assert.ok(errors > 0, 'some truncations must be detected');
});

test('random byte corruption never escapes as an untyped error', () => {
  const raw = goldenRaw();
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < 1500; i++) {
    const copy = raw.slice();
    for (let k = 0; k < 4; k++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
    decodeOrFormatError(copy);
  }
});

test('truncated gzip is reported as such, with both gunzips', () => {
  const gz = readFileSync(goldenPath('heap.pb.gz'));
  const cut = gz.subarray(0, Math.floor(gz.length / 2));
  for (const gunzip of [pakoGunzip, zlibGunzip]) {
    assert.throws(() => decodeProfile(cut, { gunzip }), (e: unknown) => e instanceof ProfileFormatError && /truncated|corrupt/.test(e.message));
  }
});

test('a gzip bomb stops at the decompressed-size limit', () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  assert.ok(bomb.length < 200_000);
  for (const gunzip of [pakoGunzip, zlibGunzip]) {
    assert.throws(
      () => decodeProfile(bomb, { gunzip, maxDecompressedBytes: 1024 * 1024 }),
      (e: unknown) => e instanceof ProfileFormatError && /exceeds the limit of 1048576 bytes/.test(e.message),
    );
  }
});

test('raw (uncompressed) input over the limit is refused', () => {
  const raw = encodeProfile(base);
  assert.throws(() => decodeProfile(raw, { maxDecompressedBytes: 10 }), /exceeds the limit/);
});

test('references that do not resolve are typed errors naming the place', () => {
  const cases: [string, ProfileSpec, RegExp][] = [
    ['dangling location id', { ...base, samples: [{ locationIds: [7], values: [1] }] }, /location id 7 does not exist/],
    ['dangling function id', { ...base, locations: [{ id: 1, lines: [{ functionId: 9, line: 1 }] }] }, /location\[0\]\.line\[0\]\.function_id: function id 9/],
    ['dangling mapping id', { ...base, locations: [{ id: 1, mappingId: 4, lines: [{ functionId: 1, line: 1 }] }] }, /mapping id 4 does not exist/],
    ['duplicate ids', { ...base, functions: [...base.functions, { id: 1, name: 'x', file: 'y' }] }, /duplicate id 1/],
    ['value count mismatch', { ...base, samples: [{ locationIds: [1], values: [1, 2] }] }, /2 values but the profile has 1 sample types/],
    ['zero id', { ...base, locations: [{ id: 0, lines: [] }] }, /id must be a positive integer/],
  ];
  for (const [name, spec, re] of cases) {
    assert.throws(() => decodeProfile(encodeProfile(spec)), (e: unknown) => e instanceof ProfileFormatError && re.test(e.message), name);
  }
});

test('a string index past the table is a typed error', () => {
  const raw = encodeProfile(base);
  // Append a function whose name index (99) points past the string table.
  const extra = Uint8Array.from([0x2a, 0x04, 0x08, 0x02, 0x10, 0x63]);
  const bytes = new Uint8Array([...raw, ...extra]);
  assert.throws(() => decodeProfile(bytes), /function\[1\]\.name: string index 99 out of range/);
});

test('bad varints and wrong wire types are typed errors', () => {
  const overlong = new Uint8Array([0x10, ...new Array(11).fill(0xff), 0x01]);
  assert.throws(() => decodeProfile(overlong), ProfileFormatError);
  const wrongWire = new Uint8Array([0x0d, 0, 0, 0, 0]); // field 1 (sample_type) as fixed32
  assert.throws(() => decodeProfile(wrongWire), /expected a message/);
  assert.throws(() => decodeProfile(new Uint8Array()), /empty input/);
  assert.throws(() => decodeProfile(new TextEncoder().encode('<html>not found</html>')), ProfileFormatError);
});

test('packed and unpacked repeated fields, strings first or last, decode the same', () => {
  const spec: ProfileSpec = {
    ...base,
    samples: [{ locationIds: [1, 1], values: [5] }, { locationIds: [1], values: [-7] }],
  };
  const variants = [spec, { ...spec, unpacked: true }, { ...spec, stringsFirst: true }];
  const decoded = variants.map((v) => decodeProfile(encodeProfile(v)));
  for (const p of decoded) {
    assert.deepEqual(Array.from(p.samples.values), [5, -7]);
    assert.deepEqual(Array.from(p.samples.locations), [0, 0, 0]);
    assert.equal(p.functions[0].name, 'main.f');
  }
});

test('location ids in any order, sparse, past 16 bits, or zero: indexes come out right or the error is typed', () => {
  const fn = [{ id: 1, name: 'main.f', file: 'main.go' }];
  const loc = (id: number) => ({ id, lines: [{ functionId: 1, line: id % 1000 }] });
  // Out of order and sparse: no longer the 1..n fast path.
  const sparse = decodeProfile(encodeProfile({ ...base, functions: fn, locations: [loc(9), loc(3), loc(70000)], samples: [{ locationIds: [3, 70000, 9], values: [1] }] }));
  assert.deepEqual(Array.from(sparse.samples.locations), [1, 2, 0]);
  // More than 65536 locations numbered 1..n: the column widens to hold the indexes.
  const many = Array.from({ length: 70001 }, (_, i) => loc(i + 1));
  const wide = decodeProfile(encodeProfile({ ...base, functions: fn, locations: many, samples: [{ locationIds: [70001, 1, 65537], values: [1] }] }));
  assert.ok(wide.samples.locations instanceof Uint32Array);
  assert.deepEqual(Array.from(wide.samples.locations), [70000, 0, 65536]);
  // Numbered 1..n but a sample names an id past n, or id 0.
  assert.throws(() => decodeProfile(encodeProfile({ ...base, samples: [{ locationIds: [1, 2], values: [1] }] })), /location id 2 does not exist/);
  assert.throws(() => decodeProfile(encodeProfile({ ...base, samples: [{ locationIds: [1, 0], values: [1] }] })), /location id 0 does not exist/);
});

test('id 0 is refused whatever the column width: 16-bit with over 65535 locations, or before or after it widens', () => {
  const fn = [{ id: 1, name: 'main.f', file: 'main.go' }];
  const many = Array.from({ length: 70001 }, (_, i) => ({ id: i + 1, lines: [{ functionId: 1, line: 1 }] }));
  for (const ids of [[5, 0, 7], [0, 70001], [70001, 0], [0]]) {
    const bytes = encodeProfile({ ...base, functions: fn, locations: many, samples: [{ locationIds: ids, values: [1] }] });
    assert.throws(() => decodeProfile(bytes), /location id 0 does not exist/, `ids ${ids}`);
  }
});

test('ids of one, two and three bytes mixed in one packed field keep their order', () => {
  const fn = [{ id: 1, name: 'main.f', file: 'main.go' }];
  const ids = [1, 127, 128, 16383, 16384, 2, 65535, 300, 1];
  const locations = [...new Set(ids)].map((id) => ({ id, lines: [{ functionId: 1, line: 1 }] }));
  const p = decodeProfile(encodeProfile({ ...base, functions: fn, locations, samples: [{ locationIds: ids, values: [1] }] }));
  const index = new Map(locations.map((l, i) => [l.id, i]));
  assert.deepEqual(Array.from(p.samples.locations), ids.map((id) => index.get(id)));
});

test('a label naming a string past the table is a typed error', () => {
  const labelled = encodeProfile({ ...base, samples: [{ locationIds: [1], values: [1], labels: [{ key: 'bytes', num: 64 }] }] });
  assert.doesNotThrow(() => decodeProfile(labelled));
  // Append a sample with one label whose key index (99) points past the string table.
  const label = [0x08, 0x63, 0x18, 0x01];
  const sample = [0x0a, 0x01, 0x01, 0x12, 0x01, 0x01, 0x1a, label.length, ...label];
  const bytes = new Uint8Array([...labelled, 0x12, sample.length, ...sample]);
  assert.throws(() => decodeProfile(bytes), /sample\.label: string index 99 out of range/);
});
