import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeBuildArgs } from '../../core/escape/goArgs';
import { dirToFileUri } from '../../core/escape/paths';
import type { EscapeToolchainOptions } from '../../protocol/types';

/** What one compiler run left behind: its stderr (the -m text) and the JSON log files. */
export interface CompilerRun {
  args: string[];
  /** The run compiled the _test.go files (go test -c). */
  tests: boolean;
  /** A re-run after a save (testsUnchanged): go build and -m, see goArgs.ts. */
  quick: boolean;
  cwd: string;
  exitCode: number;
  stderr: string;
  logs: { path: string; text: string }[];
  goMs: number;
}

/** Thrown when go cannot be started at all (not installed, wrong go.alternateTools). */
export class GoNotFoundError extends Error {
  override readonly name = 'GoNotFoundError';
}

/** Thrown when the run was cancelled (a newer run for the same package, the editor closing). */
export class RunCancelledError extends Error {
  override readonly name = 'RunCancelledError';
}

/**
 * Runs `go test -c -gcflags=…=-m=2 -json=0,<fresh dir>` (or `go build …`; after a save of a non-test file `go build … -m`; see goArgs.ts) in
 * `cwd`, collects stderr and the JSON files, and removes the directory. A
 * failed build still returns: the packages that compiled have output.
 */
export async function runCompiler(cwd: string, scope: 'package' | 'module', tc: EscapeToolchainOptions, signal?: AbortSignal, testsUnchanged = false): Promise<CompilerRun> {
  const jsonDir = mkdtempSync(join(tmpdir(), 'gomem-escape-'));
  try {
    const includeTests = tc.includeTests !== false && !testsUnchanged && (scope === 'module' || hasTestFiles(cwd));
    const level = testsUnchanged ? 1 : 2;
    const args = escapeBuildArgs({ scope, jsonDirUri: dirToFileUri(jsonDir), nullDevice: devNull, buildFlags: tc.buildFlags, buildTags: tc.buildTags, includeTests, level });
    const go = tc.go || 'go';
    const started = performance.now();
    const { exitCode, stderr } = await runGo(go, args, cwd, { ...process.env, ...tc.env }, signal);
    const goMs = performance.now() - started;
    return { args, tests: includeTests, quick: testsUnchanged, cwd, exitCode, stderr, logs: readLogs(jsonDir), goMs };
  } finally {
    rmSync(jsonDir, { recursive: true, force: true });
  }
}

/**
 * A package without _test.go files builds the same with `go build`, which
 * skips the work `go test` does to prepare a test binary (~0.5 s).
 */
function hasTestFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.endsWith('_test.go'));
  } catch {
    return true;
  }
}

function readLogs(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

function runGo(go: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<{ exitCode: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RunCancelledError('cancelled'));
    // Own process group on POSIX, so cancelling stops the compiles go started too.
    const child = spawn(go, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    const chunks: Buffer[] = [];
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const onAbort = () => stop(child.pid);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      reject(err.code === 'ENOENT' ? new GoNotFoundError(`cannot run "${go}": not found. Install Go, or point go.alternateTools / go.goroot at it.`) : err);
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(new RunCancelledError('cancelled'));
      resolve({ exitCode: code ?? 1, stderr: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

function stop(pid: number | undefined): void {
  if (!pid) return;
  try {
    if (process.platform === 'win32') process.kill(pid);
    else process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
