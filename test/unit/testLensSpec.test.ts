import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findTestFunctions, testLensSpecs } from '../../src/editor/testLensSpec';
import { fixtureDir } from '../support/goTools';

/** Where the test-profiling lenses go: what `go test` would run, nothing else. */
test('the testprof fixture: every test and the benchmark', () => {
  const text = readFileSync(join(fixtureDir('testprof'), 'records_test.go'), 'utf8');
  const found = findTestFunctions(text).map((f) => `${f.name}${f.benchmark ? ' (bench)' : ''}`);
  assert.deepEqual(found, ['TestRecords', 'TestRecordsFail', 'TestSlow', 'BenchmarkJoinWords (bench)']);
});

test('names go test would not run, and helpers that look like tests, get no lens', () => {
  const text = [
    'func Test(t *testing.T) {}',
    'func TestÄpfelÜ(t *testing.T) {}',
    'func Test_snake(t *testing.T) {}',
    'func Testing(t *testing.T) {}',
    'func Testé(t *testing.T) {}',
    'func TestMain(m *testing.M) {}',
    'func BenchmarkX(t *testing.T) {}',
    'func TestHelper(t *testing.B) {}',
    '  func TestIndented(t *testing.T) {}',
    'func (s *Suite) TestMethod(t *testing.T) {}',
    'func BenchmarkAlias(b *tst.B) {}',
    'func TestWindows(t *testing.T) {}\r',
  ].join('\n');
  assert.deepEqual(findTestFunctions(text).map((f) => [f.name, f.line]), [
    ['Test', 0],
    ['TestÄpfelÜ', 1],
    ['Test_snake', 2],
    ['BenchmarkAlias', 10],
    ['TestWindows', 11],
  ]);
});

test('three lenses per function, on its line', () => {
  const specs = testLensSpecs('package p\n\nfunc BenchmarkJoin(b *testing.B) {\n}\n');
  assert.deepEqual(specs.map((s) => [s.line, s.name, s.profile]), [
    [2, 'BenchmarkJoin', 'memory'],
    [2, 'BenchmarkJoin', 'cpu'],
    [2, 'BenchmarkJoin', 'trace'],
  ]);
  assert.match(specs[0].tooltip, /benchmark/);
});
