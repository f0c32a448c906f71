import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProfile, decodeProfileChunks } from '../../src/core/pprof/decode';
import { ProfileFormatError } from '../../src/core/pprof/errors';
import type { Profile } from '../../src/core/pprof/model';
import { buildTables } from '../../src/core/pprof/tables';
import { encodeProfile, type ProfileSpec } from '../support/encodeProfile';

/**
 * The Sample reader (samples.wat and sampleReader.ts) beyond what real Go
 * profiles exercise: columns that must grow, a sample larger than the
 * input stage, framings the fast path leaves to JavaScript, and every error
 * the module can stop with, through both the whole-buffer and the streamed
 * decode. The oracle tests compare real profiles with go tool pprof.
 */
const fn = [{ id: 1, name: 'main.f', file: 'main.go' }];
const loc = (id: number) => ({ id, lines: [{ functionId: 1, line: id }] });
const base: ProfileSpec = {
  sampleTypes: [['alloc_space', 'bytes']],
  samples: [{ locationIds: [1], values: [100] }],
  locations: [loc(1)],
  functions: fn,
};

function columns(p: Profile) {
  const s = p.samples;
  return {
    count: s.count,
    values: Array.from(s.values),
    starts: Array.from(s.locationStart),
    locations: Array.from(s.locations),
    labelStart: s.labelStart && Array.from(s.labelStart),
    labelNum: s.labelNum && Array.from(s.labelNum),
    inexact: p.inexactValues,
  };
}

async function* chunksOf(raw: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < raw.length; at += size) yield raw.slice(at, at + size);
}

/** A profile with `n` samples of varied stacks, two values and a label each. */
function manySamples(n: number, maxId: number): ProfileSpec {
  let seed = 99;
  const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k) + 1;
  const samples = Array.from({ length: n }, () => ({
    locationIds: Array.from({ length: rand(40) }, () => rand(maxId)),
    values: [rand(1 << 20), rand(300)],
    labels: [{ key: 'bytes', num: rand(4096) }],
  }));
  return {
    ...base,
    sampleTypes: [['alloc_space', 'bytes'], ['alloc_objects', 'count']],
    samples,
    locations: Array.from({ length: maxId }, (_, i) => loc(i + 1)),
  };
}

test('columns grow when the size hint is far too small, for 16- and 32-bit ids alike', async () => {
  for (const maxId of [300, 70000]) {
    const raw = encodeProfile(manySamples(20000, maxId));
    const whole = columns(decodeProfile(raw));
    assert.equal(whole.count, 20000);
    for (const hint of [16, 4096, raw.length >> 4]) {
      const streamed = columns(await decodeProfileChunks(chunksOf(raw, 65536), { sizeHint: hint }));
      assert.deepEqual(streamed, whole, `maxId ${maxId}, hint ${hint}`);
    }
  }
});

test('a sample larger than the input stage decodes whole, streamed or not', async () => {
  const ids = Array.from({ length: 700_000 }, (_, i) => 129 + (i % 200)); // two bytes each: 1.4 MB
  const spec: ProfileSpec = { ...base, samples: [{ locationIds: [1], values: [1] }, { locationIds: ids, values: [7] }], locations: [loc(1), ...Array.from({ length: 200 }, (_, i) => loc(129 + i))] };
  const raw = encodeProfile(spec);
  const index = new Map(spec.locations.map((l, i) => [l.id, i]));
  for (const p of [decodeProfile(raw), await decodeProfileChunks(chunksOf(raw, 1 << 20), { sizeHint: raw.length })]) {
    assert.equal(p.samples.count, 2);
    assert.deepEqual(Array.from(p.samples.values), [1, 7]);
    const got = p.samples.locations.subarray(p.samples.locationStart[1], p.samples.locationStart[2]);
    assert.equal(got.length, ids.length);
    assert.ok(got.every((v, i) => v === index.get(ids[i])));
  }
});

test('a Sample field with a two-byte tag or a five-byte length (left to JavaScript to frame) reads the same', () => {
  const plain = encodeProfile(base);
  const body = [0x0a, 0x01, 0x01, 0x12, 0x01, 0x2a, 0x1a, 0x04, 0x08, 0x00, 0x18, 0x05];
  const longLength = [0x80 | body.length, 0x80, 0x80, 0x80, 0x00];
  const usual = decodeProfile(new Uint8Array([...plain, 0x12, body.length, ...body]));
  assert.deepEqual(Array.from(usual.samples.values), [100, 42]);
  for (const framing of [[0x92, 0x00, body.length], [0x12, ...longLength], [0x92, 0x00, ...longLength]]) {
    const odd = decodeProfile(new Uint8Array([...plain, ...framing, ...body]));
    assert.deepEqual(columns(odd), columns(usual), `framing ${framing}`);
  }
});

test('unknown fields inside a sample and a label are skipped', () => {
  const plain = encodeProfile(base);
  // ids [1], an unknown varint (field 5), fixed64 (field 6), fixed32 (field 7), bytes (field 8), values [9], a label with an unknown field 9.
  const body = [0x0a, 0x01, 0x01, 0x28, 0x96, 0x01, 0x31, 1, 2, 3, 4, 5, 6, 7, 8, 0x3d, 1, 2, 3, 4, 0x42, 0x02, 0xff, 0xff, 0x12, 0x01, 0x09, 0x1a, 0x06, 0x48, 0x01, 0x18, 0x03, 0x20, 0x00];
  const p = decodeProfile(new Uint8Array([...plain, 0x12, body.length, ...body]));
  assert.deepEqual(Array.from(p.samples.values), [100, 9]);
  assert.deepEqual(Array.from(p.samples.labelNum ?? []), [3]);
});

test('every error the sample reader can stop with is a typed error at the right offset, whole or streamed', async () => {
  const plain = encodeProfile(base);
  const cases: [string, number[], RegExp, number][] = [
    // [name, sample body, message, offset of the bad byte within the body]
    ['value as fixed32', [0x15, 0, 0, 0, 0], /sample\.value: unexpected wire type 5/, 1],
    ['location ids as fixed64', [0x09, 0, 0, 0, 0, 0, 0, 0, 0], /sample\.location_id: expected a message \(wire type 2\), found wire type 1/, 1],
    ['label as a varint', [0x18, 0x01], /sample\.label: expected a message/, 1],
    ['label key as bytes', [0x1a, 0x02, 0x0a, 0x00], /label\.key: unexpected wire type 2/, 3],
    ['label num as fixed32', [0x1a, 0x05, 0x1d, 0, 0, 0, 0], /label\.num: unexpected wire type 5/, 3],
    ['group', [0x23], /unsupported group wire type 3/, 1],
    ['wire type 6', [0x26], /invalid wire type 6/, 1],
    ['packed ids longer than the sample', [0x0a, 0x05, 0x01], /sample\.location_id: truncated: 5 bytes declared, 1 left/, 1],
    ['value varint cut by its field', [0x12, 0x01, 0x80], /varint: truncated varint/, 3],
    ['id past 2^32', [0x0a, 0x05, 0x80, 0x80, 0x80, 0x80, 0x20], /location id 8589934592 exceeds 2\^32-1/, 2],
    ['varint longer than 10 bytes', [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /varint longer than 10 bytes/, 11],
    ['fixed64 past the sample', [0x31, 1, 2, 3], /field runs past the end of its message/, 1],
  ];
  for (const [name, body, re, at] of cases) {
    const bytes = new Uint8Array([...plain, 0x12, body.length, ...body]);
    const offset = plain.length + 2 + at;
    const check = (e: unknown) => e instanceof ProfileFormatError && re.test(e.message) && e.offset === offset;
    assert.throws(() => decodeProfile(bytes), check, name);
    await assert.rejects(decodeProfileChunks(chunksOf(bytes, 3)), check, `${name} (streamed)`);
  }
});

/** Flat and cum per line row, by definition: flat to the leaf's first frame, cum once per distinct row on the stack. */
function referenceWalk(p: Profile, rowOf: (loc: number, j: number) => number, rows: number, type: number) {
  const flat = new Float64Array(rows);
  const cum = new Float64Array(rows);
  const s = p.samples;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * p.sampleTypes.length + type];
    const stack = Array.from(s.locations.subarray(s.locationStart[i], s.locationStart[i + 1]));
    if (stack.length === 0) continue;
    flat[rowOf(stack[0], 0)] += v;
    const seen = new Set<number>();
    for (const loc of stack) for (let j = 0; j < Math.max(1, p.locations[loc].lines.length); j++) seen.add(rowOf(loc, j));
    for (const r of seen) cum[r] += v;
  }
  return { flat: Array.from(flat), cum: Array.from(cum) };
}

test('the table walk runs over the columns in place, or over copies when the join rewrote them, with the same values', () => {
  for (const maxId of [300, 70000]) {
    const p = decodeProfile(encodeProfile(manySamples(3000, maxId)));
    // 70000 locations: the join widens the id column into a new array, outside the decoder's memory.
    assert.equal(p.samples.locations instanceof Uint32Array, maxId > 0xffff);
    for (const [a, b] of [[0, 1], [1, 0], [1, 1]]) {
      const t = buildTables(p); // valuesOf caches per table: fresh tables for each pair
      const key = new Map(t.lines.rows.map((r, i) => [`${r.function}\0${r.file}\0${r.line}`, i]));
      const rowOf = (loc: number, j: number) => {
        const ln = p.locations[loc].lines[j];
        const f = p.functions[ln.functionIndex];
        return key.get(`${f.name}\0${f.filename}\0${ln.line}`)!;
      };
      const [va, vb] = [t.lines.valuesOf(a, b), t.lines.valuesOf(b)];
      assert.deepEqual({ flat: Array.from(va.flat), cum: Array.from(va.cum) }, referenceWalk(p, rowOf, t.lines.rows.length, a), `maxId ${maxId} type ${a}`);
      assert.deepEqual({ flat: Array.from(vb.flat), cum: Array.from(vb.cum) }, referenceWalk(p, rowOf, t.lines.rows.length, b), `maxId ${maxId} type ${b}`);
      assert.equal(t.totalOf(a), p.samples.values.filter((_, i) => i % 2 === a).reduce((x, y) => x + y, 0));
    }
  }
});
