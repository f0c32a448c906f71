import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createSourceResolver } from '../../src/core/paths/resolveSource';
import { escapeSites, findingLabel, type EscapeSite } from '../../src/core/escape/siteCost';
import { analyzeEscapes } from '../../src/node/escape/analyzeEscapes';
import { measureInfo } from '../../src/core/escape/profileMeasure';
import { loadProfile } from '../../src/server/loadedProfile';
import { ESCAPE_FIXTURE, TEST_GO_ENV, escapeProfile } from '../support/escapeFixture';
import { pprofTopReport, skipUnlessGo } from '../support/goTools';

/**
 * The join: the fixture's own allocs profile (MemProfileRate = 1) loaded as
 * the server loads it, each heap-escape site given the alloc_space and
 * alloc_objects of its line (flat; cum where the escape was inlined into the
 * line), and the costliest-escapes order equal to the order of those values
 * in `go tool pprof -top -lines`.
 */
test('costliest escapes: bytes and objects per escape line equal pprof\'s, in pprof\'s order', { skip: skipUnlessGo(), timeout: 120_000 }, async () => {
  const profile = escapeProfile();
  const [analysis, lp, space, objs] = await Promise.all([
    analyzeEscapes(ESCAPE_FIXTURE, 'module', { env: TEST_GO_ENV }),
    loadProfile('p1', profile, 1 << 30, createSourceResolver({ roots: [{ dir: ESCAPE_FIXTURE }], substitutions: [], exists: existsSync })),
    perLine(profile, 'alloc_space'),
    perLine(profile, 'alloc_objects'),
  ]);
  const inlined = (s: EscapeSite) => s.findings.some((f) => f.inlinedFrom.length > 0);
  const bytes = (s: EscapeSite) => (inlined(s) ? space.cum : space.flat).get(`${s.file}:${s.line}`) ?? 0;
  const objects = (s: EscapeSite) => (inlined(s) ? objs.cum : objs.flat).get(`${s.file}:${s.line}`) ?? 0;
  const info = measureInfo(lp)!;
  assert.equal(info.sampleType, 'alloc_space');
  const sites = escapeSites(analysis.findings, info);
  const measured = sites.filter((s) => s.bytes > 0);
  assert.ok(measured.length >= 10, `${measured.length} measured escape sites`);
  for (const s of sites) {
    assert.equal(s.bytes, bytes(s), `alloc_space of ${s.file}:${s.line}`);
    assert.equal(s.objects ?? 0, objects(s), `alloc_objects of ${s.file}:${s.line}`);
  }
  const byOracle = [...sites].sort((a, b) => bytes(b) - bytes(a) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
  assert.deepEqual(sites.map((s) => `${s.file}:${s.line}`), byOracle.map((s) => `${s.file}:${s.line}`));
  // The site the fixture makes costliest: one 128 KiB slice.
  assert.equal(path.relative(ESCAPE_FIXTURE, sites[0].file), 'escapes.go');
  assert.equal(sites[0].findings[0].message, 'make([]byte, 131072) escapes to heap');
  const vendored = sites.find((s) => s.findings.some((f) => f.message === 'make([]byte, ring.n) escapes to heap'))!;
  assert.deepEqual([vendored.bytes, vendored.objects], [3072, 1], 'the inlined vendored make: the cum of its call line');
  const buf = sites.find((s) => s.findings.some((f) => f.message === 'moved to heap: buf'))!;
  assert.equal(findingLabel(buf.findings[0], info), `moved to heap: buf — 40 kB · 10 objs, ${share(40960, info.total)} of alloc_space`);
});

/** Flat and cum per `file:line` from go tool pprof -top -lines, summed over the functions on the line. */
async function perLine(profile: string, sampleIndex: string): Promise<{ flat: Map<string, number>; cum: Map<string, number> }> {
  const report = await pprofTopReport(profile, { sampleIndex, lines: true });
  const flat = new Map<string, number>();
  const cum = new Map<string, number>();
  for (const r of report.rows) {
    if (!r.file) continue;
    const key = `${r.file}:${r.line}`;
    flat.set(key, (flat.get(key) ?? 0) + r.flat);
    cum.set(key, (cum.get(key) ?? 0) + r.cum);
  }
  return { flat, cum };
}

function share(v: number, total: number): string {
  const pct = (v / total) * 100;
  return `${(pct >= 10 ? pct.toFixed(1) : pct.toFixed(2)).replace(/\.?0+$/, '')}%`;
}
