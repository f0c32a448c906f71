/**
 * Where the "profile memory · profile CPU · trace" lenses go: each top-level
 * `func TestXxx(t *testing.T)` and `func BenchmarkXxx(b *testing.B)` of a
 * _test.go file. Pure, so it is unit-tested on text.
 */
export interface TestFunction {
  readonly name: string;
  /** 0-based line of the `func`. */
  readonly line: number;
  readonly benchmark: boolean;
}

export interface TestLensSpec {
  readonly line: number;
  readonly title: string;
  readonly tooltip: string;
  readonly name: string;
  readonly profile: 'memory' | 'cpu' | 'trace';
}

// `go test` runs Test/Benchmark functions whose next character is not a lower-case letter.
const FUNC = /^func\s+((Test|Benchmark)(?:[^\p{Ll}\s(][\p{L}\p{N}_]*)?)\s*\(\s*\w+\s+\*\s*\w+\.(T|B)\s*\)/u;

export function findTestFunctions(text: string): TestFunction[] {
  const out: TestFunction[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = FUNC.exec(line);
    // A benchmark takes *testing.B, a test *testing.T; anything else is a helper that only looks like one.
    if (m && (m[2] === 'Benchmark') === (m[3] === 'B')) out.push({ name: m[1], line: i, benchmark: m[2] === 'Benchmark' });
  });
  return out;
}

export function testLensSpecs(text: string): TestLensSpec[] {
  return findTestFunctions(text).flatMap((f) => {
    const run = f.benchmark ? 'the benchmark' : 'the test';
    return [
      { line: f.line, name: f.name, profile: 'memory', title: '$(pulse) profile memory', tooltip: `Run ${run} with -memprofile and show where it allocates` },
      { line: f.line, name: f.name, profile: 'cpu', title: 'profile CPU', tooltip: `Run ${run} with -cpuprofile and show where the time goes` },
      { line: f.line, name: f.name, profile: 'trace', title: 'trace', tooltip: `Run ${run} with -trace and open the execution trace` },
    ] as const;
  });
}
