import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { SHARED_KINDS } from '../../src/core/escape/kinds';
import { analyzeEscapes, interpretRun, type EscapeAnalysis } from '../../src/node/escape/analyzeEscapes';
import { runCompiler } from '../../src/node/escape/runCompiler';
import { ESCAPE_FIXTURE, MARKED_KINDS, TEST_GO_ENV, findingKeys, oracleKeys, readGolden, readMarkers, writeGolden, type Marker } from '../support/escapeFixture';
import { skipUnlessGo } from '../support/goTools';

/**
 * Escape analysis of test/fixtures/escape: every marked case is reported at
 * its line with its kind, nothing where the compiler says "does not escape",
 * and the (file, line, kind) set equals what the raw -m text of the same
 * build says (read with the oracle's own regular expressions).
 */
const root = ESCAPE_FIXTURE;
const tc = { env: TEST_GO_ENV };

function checkMarkers(a: Pick<EscapeAnalysis, 'findings'>, markers: Marker[]): void {
  assert.ok(markers.length >= 15, `the fixture has its markers (${markers.length})`);
  for (const m of markers) {
    const got = [...new Set(a.findings.filter((f) => f.file === m.file && f.line === m.line && MARKED_KINDS.includes(f.kind)).map((f) => f.kind))].sort();
    assert.deepEqual(got, m.kinds, `${path.relative(root, m.file)}:${m.line}`);
  }
}

function checkOracle(a: EscapeAnalysis): void {
  const oracle = oracleKeys(a.text, a.dir, root);
  const ours = findingKeys(a.findings, root, SHARED_KINDS);
  assert.deepEqual([...ours].sort(), [...oracle].sort());
}

/** Lines where -m says only "does not escape" carry no heap finding. */
function checkNoEscape(a: EscapeAnalysis): void {
  const heapLines = new Set(oracleKeys(a.text, a.dir, root));
  let checked = 0;
  for (const p of a.noEscape) {
    const rel = `${path.relative(root, p.file)}:${p.line}`;
    if (heapLines.has(`${rel} moved-to-heap`) || heapLines.has(`${rel} escapes-to-heap`)) continue;
    checked++;
    assert.deepEqual(a.findings.filter((f) => f.file === p.file && f.line === p.line && (f.kind === 'moved-to-heap' || f.kind === 'escapes-to-heap')), [], rel);
  }
  assert.ok(checked >= 5, `checked ${checked} "does not escape" lines`);
}

test('golden output (no Go needed): markers, oracle, every fixture file from JSON', () => {
  const a = { scope: 'module' as const, dir: root, root, ...interpretRun(readGolden(), root) };
  checkMarkers(a, readMarkers());
  checkOracle(a);
  checkNoEscape(a);
  assert.deepEqual(a.textOnlyFiles, []);
  assert.deepEqual(a.logErrors, []);
  assert.deepEqual(a.jsonFiles.map((f) => path.relative(root, f)).sort(), ['escapes.go', 'escapes_test.go', 'main.go', 'shapes/shapes.go', 'vendor/example.com/vendored/ring/ring.go']);
});

test('live run, module scope: markers, oracle, "does not escape", flows and inlining context', { skip: skipUnlessGo() }, async () => {
  if (process.env.GOMEM_UPDATE_GOLDEN) writeGolden(await runCompiler(root, 'module', tc));
  const a = await analyzeEscapes(root, 'module', tc);
  assert.equal(a.exitCode, 0, a.text);
  checkMarkers(a, readMarkers());
  checkOracle(a);
  checkNoEscape(a);
  assert.deepEqual(a.textOnlyFiles, [], 'every file had a JSON log');
  const buf = a.findings.find((f) => f.message === 'moved to heap: buf')!;
  assert.ok(buf.flow.some((s) => s.message.startsWith('flow: {heap} ← ') && s.at?.line === 31), JSON.stringify(buf.flow));
  const vendored = a.findings.find((f) => f.message === 'make([]byte, ring.n) escapes to heap')!;
  assert.equal(path.relative(root, vendored.inlinedFrom[0]?.file ?? ''), 'vendor/example.com/vendored/ring/ring.go');
  assert.ok(a.findings.some((f) => f.kind === 'inlined-call') && a.findings.some((f) => f.kind === 'bounds-check'));
});

test('live run, package scope: the package with its _test.go, shapes only in its own run', { skip: skipUnlessGo() }, async () => {
  const main = await analyzeEscapes(path.join(root, 'escapes.go'), 'package', tc);
  assert.equal(main.dir, root);
  checkOracle(main);
  const files = new Set(main.findings.map((f) => path.relative(root, f.file)));
  assert.ok(files.has('escapes_test.go') && !files.has('shapes/shapes.go'), [...files].join(' '));
  const shapes = await analyzeEscapes(path.join(root, 'shapes'), 'package', tc);
  checkOracle(shapes);
  assert.deepEqual([...new Set(shapes.findings.map((f) => path.relative(root, f.file)))], ['shapes/shapes.go']);
});

test('cache: a second run with no change reports everything again; with the JSON gone, the text alone says the same', { skip: skipUnlessGo() }, async () => {
  const first = await analyzeEscapes(root, 'module', tc);
  const second = await analyzeEscapes(root, 'module', tc);
  assert.deepEqual(findingKeys(second.findings, root), findingKeys(first.findings, root));
  assert.deepEqual(second.textOnlyFiles, []);
  // What a build-cache hit looks like: the -m text replayed, no JSON written.
  const replay = interpretRun({ args: [], tests: true, quick: false, cwd: root, exitCode: 0, stderr: second.text, logs: [], goMs: 0 }, root);
  assert.deepEqual(replay.jsonFiles, []);
  assert.deepEqual(findingKeys(replay.findings, root, SHARED_KINDS), findingKeys(second.findings, root, SHARED_KINDS));
});
