import { CaptureError } from './errors';

/** Which profiles `go test` should write. */
export interface TestProfileSet {
  readonly memory?: boolean;
  readonly cpu?: boolean;
  readonly trace?: boolean;
}

/** One test or benchmark to profile. */
export interface TestSelection {
  /** `TestName`, `BenchmarkName`, or a subtest path `TestName/case`. */
  readonly name: string;
  /** Default: the name starts with `Benchmark`. */
  readonly benchmark?: boolean;
  /** -memprofilerate; default 1 (every allocation) for tests, Go's default for benchmarks. */
  readonly memProfileRate?: number;
  /** -benchtime, e.g. `100x` or `2s`; Go's default (1s) when absent. */
  readonly benchtime?: string;
}

/** Absolute paths the profiles are written to. */
export interface TestProfilePaths {
  readonly memory?: string;
  readonly cpu?: string;
  readonly trace?: string;
}

export function isBenchmark(sel: TestSelection): boolean {
  return sel.benchmark ?? /^Benchmark/.test(sel.name);
}

/**
 * `go test` arguments that run exactly one test or benchmark of the package
 * in the current directory and write the asked-for profiles. `-v` streams
 * the output as it happens; `-o` keeps the test binary (which profiling
 * flags always keep) out of the user's package directory.
 */
export function goTestArgs(sel: TestSelection, paths: TestProfilePaths, binary: string, buildFlags: readonly string[] = []): string[] {
  if (!paths.memory && !paths.cpu && !paths.trace) throw new CaptureError('bad-request', 'no profile asked for: choose memory, cpu or trace');
  const args = ['test', ...buildFlags, '-v', '-o', binary];
  const pattern = exactPattern(sel.name);
  if (isBenchmark(sel)) {
    args.push('-bench', pattern, '-run', '^$', '-benchmem');
    if (sel.benchtime) args.push(`-benchtime=${sel.benchtime}`);
  } else {
    args.push('-run', pattern);
  }
  if (paths.memory) {
    args.push(`-memprofile=${paths.memory}`);
    const rate = sel.memProfileRate ?? (isBenchmark(sel) ? undefined : 1);
    if (rate !== undefined) args.push(`-memprofilerate=${rate}`);
  }
  if (paths.cpu) args.push(`-cpuprofile=${paths.cpu}`);
  if (paths.trace) args.push(`-trace=${paths.trace}`);
  args.push('.');
  return args;
}

/**
 * `^Name$`, per level for subtests (`-run` splits its pattern at slashes):
 * `TestA/case_1` → `^TestA$/^case_1$`, with regexp metacharacters escaped.
 */
export function exactPattern(name: string): string {
  if (!/^(Test|Benchmark|Fuzz|Example)/.test(name)) {
    throw new CaptureError('bad-request', `"${name}" is not a test or benchmark name (TestX, BenchmarkX, TestX/subtest)`);
  }
  return name
    .split('/')
    .map((part) => `^${part.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`)
    .join('/');
}
