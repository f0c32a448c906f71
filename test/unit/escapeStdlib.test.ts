import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { SHARED_KINDS } from '../../src/core/escape/kinds';
import { analyzeEscapes } from '../../src/node/escape/analyzeEscapes';
import { TEST_GO_ENV, findingKeys, oracleKeys } from '../support/escapeFixture';
import { goBinary, skipUnlessGo } from '../support/goTools';

/**
 * The oracle on a big real package: net/http (≈ 40 files, h2_bundle.go alone
 * 12k lines) analysed the way gomem does, but with `go build` rather than
 * `go test -c` (its tests would triple the ~15 s compile). gomem's
 * (file, line, kind) set must equal the raw -m text's, and every file of
 * the package must come from its JSON log: the JSON → kind mapping is what is
 * under test. The compiler names log files by base name, so generic code
 * instantiated from maps/iter.go and slices/iter.go shares one iter.json:
 * the file that lost falls back to the text.
 */
test('net/http: gomem reports exactly what -m=2 says, from the JSON log', { skip: skipUnlessGo(), timeout: 180_000 }, async () => {
  const goroot = execFileSync(goBinary(), ['env', 'GOROOT'], { encoding: 'utf8', env: { ...process.env, ...TEST_GO_ENV } }).trim();
  const dir = path.join(goroot, 'src', 'net', 'http');
  const a = await analyzeEscapes(dir, 'package', { env: TEST_GO_ENV, includeTests: false });
  assert.equal(a.exitCode, 0, a.buildErrors.join('\n'));
  const oracle = oracleKeys(a.text, a.dir, a.root);
  const ours = findingKeys(a.findings, a.root, SHARED_KINDS);
  const missing = [...oracle].filter((k) => !ours.has(k));
  const extra = [...ours].filter((k) => !oracle.has(k));
  assert.deepEqual({ missing: missing.slice(0, 20), extra: extra.slice(0, 20) }, { missing: [], extra: [] });
  assert.ok(ours.size > 3000, `${ours.size} findings`);
  assert.deepEqual(a.textOnlyFiles.filter((f) => path.dirname(f) === dir), [], 'every net/http file had a JSON log');
  const base = (f: string) => path.basename(f);
  for (const f of a.textOnlyFiles) assert.ok(a.jsonFiles.some((j) => base(j) === base(f)), `${f}: text only, but no log name collision`);
  const count = (k: string) => a.findings.filter((f) => f.kind === k).length;
  console.log(`net/http: ${ours.size} (file, line, kind) keys; moved ${count('moved-to-heap')}, escapes ${count('escapes-to-heap')}, leaks ${count('leaking-param')}; go ${Math.round(a.goMs)} ms, parse+map ${Math.round(a.parseMs)} ms`);
});
