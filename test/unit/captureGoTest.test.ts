import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CaptureError } from '../../src/core/capture/errors';
import { profileTest, type TestProfileOptions } from '../../src/node/capture/profileTest';
import { captureTempDir, FIXTURE_GO_ENV, functionValue } from '../support/fixtureServer';
import { fixtureDir, goBinary, goVersion, skipUnlessGo } from '../support/goTools';

/**
 * Profiling a test or benchmark of test/fixtures/testprof through real
 * `go test` runs. newRecord allocates a 48-byte Record and a 64-byte Tags
 * slice per record (112 B); NewRecords' slice of 1000 pointers is 8192 B.
 */
const skip = skipUnlessGo();
const PKG = 'example.com/gomem/fixtures/testprof';
function run(opts: Partial<TestProfileOptions> & Pick<TestProfileOptions, 'name' | 'profiles'>, env: Record<string, string> = {}) {
  let output = '';
  const dir = opts.outDir ?? captureTempDir();
  const result = profileTest({
    packageDir: fixtureDir('testprof'),
    outDir: dir,
    toolchain: { go: goBinary(), env: { ...FIXTURE_GO_ENV, ...env }, ...opts.toolchain },
    onOutput: (text) => (output += text),
    ...opts,
  });
  return { result, output: () => output, dir };
}

test('a test\'s memory profile: every allocation of newRecord, exactly', { skip }, async () => {
  const r = run({ name: 'TestRecords', profiles: { memory: true } });
  const res = await r.result;
  assert.equal(res.passed, true, r.output());
  assert.ok(res.command.includes('-memprofilerate=1'));
  assert.match(res.files.memory!, /allocs-TestRecords-\d{8}-\d{6}\.pb\.gz$/);
  assert.deepEqual(readdirSync(r.dir), [res.files.memory!.split(/[\\/]/).pop()], 'only the profile, no test binary');
  assert.equal(functionValue(res.files.memory!, `${PKG}.newRecord`, 'alloc_space').flat, 1000 * 112);
  assert.equal(functionValue(res.files.memory!, `${PKG}.newRecord`, 'alloc_objects').flat, 2000);
  assert.equal(functionValue(res.files.memory!, `${PKG}.NewRecords`, 'alloc_space').flat, 8192);
  assert.match(r.output(), /=== RUN {3}TestRecords\n--- PASS: TestRecords/);
});

test('a failing test still returns the profile it wrote', { skip }, async () => {
  const r = run({ name: 'TestRecordsFail', profiles: { memory: true } }, { TESTPROF_FAIL: '1' });
  const res = await r.result;
  assert.equal(res.passed, false);
  assert.equal(res.exitCode, 1);
  assert.match(r.output(), /records_test.go:\d+: failing on purpose after allocating\n--- FAIL: TestRecordsFail/);
  assert.equal(functionValue(res.files.memory!, `${PKG}.newRecord`, 'alloc_space').flat, 100 * 112);
});

test('a benchmark with CPU and memory profiles', { skip }, async () => {
  const r = run({ name: 'BenchmarkJoinWords', benchtime: '500ms', profiles: { memory: true, cpu: true } });
  const res = await r.result;
  assert.equal(res.passed, true, r.output());
  assert.ok(res.command.includes('-benchmem') && res.command.includes('^$'));
  assert.match(r.output(), /BenchmarkJoinWords\S*\s+\d+\s+\d+(\.\d+)? ns\/op\s+\d+ B\/op\s+\d+ allocs\/op/);
  assert.match(res.files.cpu!, /cpu-BenchmarkJoinWords-\d{8}-\d{6}\.pb\.gz$/);
  assert.ok(functionValue(res.files.cpu!, `${PKG}.JoinWords`, 'samples').cum >= 5, 'JoinWords is where the CPU went');
  assert.ok(functionValue(res.files.memory!, `${PKG}.JoinWords`, 'alloc_space').cum > 0, 'and where the bytes were allocated');
});

test('an execution trace of a test', { skip }, async () => {
  const res = await run({ name: 'TestRecords', profiles: { trace: true } }).result;
  assert.match(res.files.trace!, /trace-TestRecords-\d{8}-\d{6}\.trace$/);
  const minor = /go1\.(\d+)/.exec(goVersion() ?? '')?.[1];
  assert.equal(readFileSync(res.files.trace!).subarray(0, 16).toString('latin1'), `go 1.${minor} trace\0\0\0`);
});

test('build flags reach go test', { skip }, async () => {
  const r = run({ name: 'TestTagged', profiles: { memory: true }, toolchain: { go: goBinary(), env: FIXTURE_GO_ENV, buildFlags: ['-tags=gomemtag'] } });
  const res = await r.result;
  assert.match(r.output(), /--- PASS: TestTagged/);
  assert.equal(functionValue(res.files.memory!, `${PKG}.newRecord`, 'alloc_objects').flat, 20);
});

test('cancel kills go test and the test binary, and keeps nothing', { skip: skip ?? (process.platform === 'win32' ? 'checks processes with pgrep' : undefined) }, async () => {
  const ctrl = new AbortController();
  // go runs the test binary from its build cache as testprof.test; the profile flags name our temp dir.
  const binaries = () => spawnSync('pgrep', ['-f', 'testprof\\.test .*-test\\.memprofile=\\S*gomem-test-'], { encoding: 'utf8' }).stdout.trim();
  let sawBinary = '';
  const r = run({ name: 'TestSlow', profiles: { memory: true, cpu: true }, signal: ctrl.signal, onOutput: (text) => {
    if (/=== RUN {3}TestSlow/.test(text) && !ctrl.signal.aborted) {
      sawBinary = binaries();
      ctrl.abort();
    }
  } }, { TESTPROF_SLOW: '1' });
  const t0 = Date.now();
  await assert.rejects(r.result, (err: CaptureError) => err.code === 'cancelled' && err.message === 'profiling TestSlow cancelled');
  assert.ok(Date.now() - t0 < 30_000);
  assert.notEqual(sawBinary, '', 'the test binary was running before the cancel');
  assert.equal(binaries(), '', 'and is gone after it');
  assert.deepEqual(readdirSync(r.dir), []);
});

test('a go that cannot be run, and a name that is not a test', async () => {
  const missing = run({ name: 'TestRecords', profiles: { memory: true }, toolchain: { go: '/nonexistent/go' } });
  await assert.rejects(missing.result, (err: CaptureError) => err.code === 'go-failed' && err.message === 'cannot run /nonexistent/go: not found (set the go command or GOROOT)');
  await assert.rejects(run({ name: 'helper', profiles: { memory: true } }).result, (err: CaptureError) => err.code === 'bad-request');
});
