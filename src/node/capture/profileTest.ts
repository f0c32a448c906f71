import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureError } from '../../core/capture/errors';
import { profileFileName } from '../../core/capture/fileName';
import { goTestArgs, type TestProfilePaths, type TestProfileSet, type TestSelection } from '../../core/capture/goTestArgs';
import { writeAtomically } from './atomicFile';
import { goCommand, goEnvironment, type GoToolchain } from './goToolchain';
import { killTree } from './killTree';

export interface TestProfileOptions extends TestSelection {
  /** The package's directory: `go test` runs there, on `.`. */
  readonly packageDir: string;
  readonly profiles: TestProfileSet;
  /** Folder the profiles go to (created when missing). */
  readonly outDir: string;
  readonly toolchain?: GoToolchain;
  /** go test's stdout and stderr as they come (build errors, `=== RUN`, benchmark lines). */
  readonly onOutput?: (text: string) => void;
  /** Cancels: the whole process tree is killed and no profile is kept. */
  readonly signal?: AbortSignal;
}

export interface TestProfileResult {
  /** go test exited 0. A failing test still returns the profiles it wrote. */
  readonly passed: boolean;
  readonly exitCode: number | null;
  /** Where each written profile now is: `allocs-TestX-….pb.gz`, `cpu-…`, `trace-….trace`. */
  readonly files: TestProfilePaths;
  /** The go command line, for an output channel. */
  readonly command: readonly string[];
}

/** Kind names in file names: `-memprofile` writes the allocs profile (all four heap sample types). */
const KIND: Record<keyof TestProfilePaths, { label: string; ext: string }> = {
  memory: { label: 'allocs', ext: '.pb.gz' },
  cpu: { label: 'cpu', ext: '.pb.gz' },
  trace: { label: 'trace', ext: '.trace' },
};

const TAIL_CHARS = 2_000;

/**
 * Runs one test or benchmark under `go test` with memory, CPU and/or trace
 * profiling, then moves the profiles it wrote into outDir (atomically, named
 * `<kind>-<test>-<timestamp>`). Profiles are written to a private temp dir
 * first, so a half-written one never lands in outDir.
 */
export async function profileTest(opts: TestProfileOptions): Promise<TestProfileResult> {
  const work = await mkdtemp(join(tmpdir(), 'gomem-test-'));
  try {
    const paths = tempPaths(work, opts.profiles);
    const args = goTestArgs(opts, paths, join(work, 'pkg.test'), opts.toolchain?.buildFlags);
    const command = [goCommand(opts.toolchain), ...args];
    const { exitCode, tail } = await runGo(command, opts);
    const files = await keepProfiles(paths, opts);
    if (Object.keys(files).length === 0) {
      throw new CaptureError('go-failed', `go test exited with code ${exitCode} without writing a profile:\n${tail.trim()}`);
    }
    return { passed: exitCode === 0, exitCode, files, command };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function tempPaths(dir: string, set: TestProfileSet): TestProfilePaths {
  return {
    memory: set.memory ? join(dir, 'mem.pb.gz') : undefined,
    cpu: set.cpu ? join(dir, 'cpu.pb.gz') : undefined,
    trace: set.trace ? join(dir, 'run.trace') : undefined,
  };
}

/** Runs go to completion (or cancel), streaming its output; resolves with the exit code and the output's tail. */
function runGo(command: string[], opts: TestProfileOptions): Promise<{ exitCode: number | null; tail: string }> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(cancelled(opts.name));
    const child = spawn(command[0], command.slice(1), {
      cwd: opts.packageDir,
      env: goEnvironment(opts.toolchain),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32', // its own process group, so cancel reaches the test binary
      windowsHide: true,
    });
    let tail = '';
    const onText = (text: string) => {
      tail = (tail + text).slice(-TAIL_CHARS);
      opts.onOutput?.(text);
    };
    child.stdout.setEncoding('utf8').on('data', onText);
    child.stderr.setEncoding('utf8').on('data', onText);
    const onAbort = () => killTree(child);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', onAbort);
      const why = err.code === 'ENOENT' ? 'not found (set the go command or GOROOT)' : err.message;
      reject(new CaptureError('go-failed', `cannot run ${command[0]}: ${why}`));
    });
    child.on('close', (code) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) reject(cancelled(opts.name));
      else resolve({ exitCode: code, tail });
    });
  });
}

/** Moves every non-empty profile go test wrote into outDir under its final name. */
async function keepProfiles(paths: TestProfilePaths, opts: TestProfileOptions): Promise<TestProfilePaths> {
  const at = new Date();
  const files: { -readonly [K in keyof TestProfilePaths]: string } = {};
  for (const key of Object.keys(KIND) as (keyof TestProfilePaths)[]) {
    const temp = paths[key];
    if (!temp || !existsSync(temp) || statSync(temp).size === 0) continue;
    const name = profileFileName(KIND[key].label, opts.name, at, KIND[key].ext);
    // A copy, not a rename: the temp dir is often on another file system.
    files[key] = (await writeAtomically(opts.outDir, name, createReadStream(temp))).file;
  }
  return files;
}

function cancelled(name: string): CaptureError {
  return new CaptureError('cancelled', `profiling ${name} cancelled`);
}
