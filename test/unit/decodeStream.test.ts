import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeProfile, decodeProfileChunks } from '../../src/core/pprof/decode';
import { ProfileFormatError } from '../../src/core/pprof/errors';
import { buildTables } from '../../src/core/pprof/tables';
import { loadProfileFile } from '../../src/node/loadProfile';
import { goldenPath } from '../support/goTools';

/**
 * The streaming decode (what loading a file does: zlib inflates chunk by
 * chunk, the decoder parses as they arrive) must give exactly what decoding
 * the whole buffer gives, wherever the chunk boundaries fall, and fail with
 * the same typed errors.
 */
const goldenGz = () => readFileSync(goldenPath('allocs.pb.gz'));

async function* chunksOf(raw: Uint8Array, sizes: () => number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < raw.length; ) {
    const n = Math.max(1, sizes());
    yield raw.slice(at, at + n);
    at += n;
  }
}

function summary(p: ReturnType<typeof decodeProfile>) {
  const t = buildTables(p);
  return {
    types: p.sampleTypes,
    count: p.samples.count,
    values: Array.from(p.samples.values),
    stacks: Array.from(p.samples.locations),
    starts: Array.from(p.samples.locationStart),
    locations: p.locations.length,
    functions: p.functions.map((f) => f.name),
    lineValues: p.sampleTypes.map((_, i) => t.lines.valuesOf(i)).map((v) => [Array.from(v.flat), Array.from(v.cum)]),
  };
}

test('chunks of any size, down to one byte, decode to the same profile as the whole buffer', async () => {
  const raw = new Uint8Array(gunzipSync(goldenGz()));
  const whole = summary(decodeProfile(raw));
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 4099) + 1;
  for (const sizes of [() => 1, () => 3, rand, () => 64 * 1024]) {
    const p = await decodeProfileChunks(chunksOf(raw, sizes), { sizeHint: raw.length });
    assert.deepEqual(summary(p), whole);
  }
  // A size hint far too small still decodes (the id column grows).
  assert.deepEqual(summary(await decodeProfileChunks(chunksOf(raw, rand), { sizeHint: 16 })), whole);
});

test('a stream cut short anywhere is a typed error', async () => {
  const raw = new Uint8Array(gunzipSync(goldenGz()));
  let typed = 0;
  for (let n = 1; n < raw.length; n += Math.max(1, Math.floor(raw.length / 400))) {
    try {
      await decodeProfileChunks(chunksOf(raw.subarray(0, n), () => 97));
    } catch (err) {
      assert.ok(err instanceof ProfileFormatError, `typed, not ${String(err)}`);
      typed++;
    }
  }
  assert.ok(typed > 300, `${typed} truncations detected`);
});

test('loading a file streams it: same profile as the buffer decode; truncated, corrupt, bombs and limits are typed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomem-stream-'));
  const gz = goldenGz();
  const good = join(dir, 'allocs.pb.gz');
  writeFileSync(good, gz);
  assert.deepEqual(summary(await loadProfileFile(good)), summary(decodeProfile(new Uint8Array(gunzipSync(gz)))));

  const cut = join(dir, 'cut.pb.gz');
  writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
  await assert.rejects(loadProfileFile(cut), (e: unknown) => e instanceof ProfileFormatError && e.message.startsWith(cut) && /truncated/.test(e.message));

  const corrupt = join(dir, 'corrupt.pb.gz');
  const bad = Buffer.from(gz);
  bad.fill(0x55, 20, 60);
  writeFileSync(corrupt, bad);
  await assert.rejects(loadProfileFile(corrupt), (e: unknown) => e instanceof ProfileFormatError && /corrupt|truncated|field|varint|wire/.test(e.message));

  const bomb = join(dir, 'bomb.pb.gz');
  writeFileSync(bomb, gzipSync(Buffer.alloc(64 * 1024 * 1024)));
  await assert.rejects(loadProfileFile(bomb, 1024 * 1024), (e: unknown) => e instanceof ProfileFormatError && /exceeds the limit of 1048576 bytes/.test(e.message));

  // A hostile trailer announcing 4 GiB is only a hint: the file still decodes.
  const lying = join(dir, 'lying.pb.gz');
  const l = Buffer.from(gz);
  l.writeUInt32LE(0xffffffff, l.length - 4);
  writeFileSync(lying, l);
  await assert.rejects(loadProfileFile(lying), (e: unknown) => e instanceof ProfileFormatError && /gzip/.test(e.message));

  const raw = join(dir, 'raw.pb');
  writeFileSync(raw, gunzipSync(gz));
  assert.deepEqual(summary(await loadProfileFile(raw)), summary(decodeProfile(new Uint8Array(gunzipSync(gz)))));

  await assert.rejects(loadProfileFile(dir), (e: unknown) => e instanceof ProfileFormatError && /not a regular file/.test(e.message));
  await assert.rejects(loadProfileFile(join(dir, 'missing.pb.gz')), (e: unknown) => e instanceof ProfileFormatError && /no such file/i.test(e.message));
});
