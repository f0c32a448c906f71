// Extension-host side of the integration tests. VS Code (under @vscode/test-electron
// or code-server) loads this module from `extensionTestsPath` and awaits run().
// esbuild bundles it to out/test/integration/suite/index.js (CommonJS, packages
// external), next to the compiled *.test.js files it runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
}

interface Failure {
  title: string;
  message: string;
  stack: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  failures: Failure[];
  tests: TestRecord[];
}

/** Compiled test files beside this module, in a stable order. */
function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Collects per-test outcomes from the runner's events (hook failures count as failures). */
function record(runner: Mocha.Runner, results: SuiteResults): void {
  runner.on('pass', (test) => {
    results.passed++;
    results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
  });
  runner.on('pending', (test) => {
    results.skipped++;
    results.tests.push({ title: test.fullTitle(), state: 'skipped', durationMs: 0 });
  });
  runner.on('fail', (test, err: Error) => {
    results.failed++;
    results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0 });
    results.failures.push({ title: test.fullTitle(), message: String(err?.message ?? err), stack: String(err?.stack ?? '') });
  });
}

/** Writes the results atomically: the runner treats the file's appearance as "done". */
function writeResults(file: string, results: SuiteResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

/**
 * VS Code replaces the extension host's console with an RPC to the window, where
 * headless runners cannot see it; stdout ends up in the server/launcher log. So
 * the reporter writes there.
 */
function reportToStdout(): void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => process.stdout.write(`${format(...args)}\n`);
}

export async function run(): Promise<void> {
  reportToStdout();
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const files = testFiles(__dirname);
  files.forEach((f) => mocha.addFile(f));
  const results: SuiteResults = { passed: 0, failed: 0, skipped: 0, failures: [], tests: [] };

  try {
    if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
    await new Promise<void>((resolve) => record(mocha.run(() => resolve()), results));
  } catch (err) {
    // Loading a test file can throw (syntax, missing module): report it as a failure, not silence.
    const e = err instanceof Error ? err : new Error(String(err));
    results.failed++;
    results.failures.push({ title: 'loading the integration suite', message: e.message, stack: e.stack ?? '' });
  }

  const out = process.env.GOMEM_TEST_RESULTS;
  if (out) writeResults(out, results);
  if (results.failed > 0) {
    throw new Error(`${results.failed} integration test(s) failed: ${results.failures.map((f) => f.title).join('; ')}`);
  }
}
