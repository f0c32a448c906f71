import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCompilerText } from '../../core/escape/compilerText';
import { parseJsonLog, type JsonLog } from '../../core/escape/compilerJson';
import { CompilerOutputError } from '../../core/escape/errors';
import type { EscapeFinding, SourcePos } from '../../core/escape/finding';
import { memo } from '../../core/escape/memo';
import { mergeFindings } from '../../core/escape/mergeFindings';
import { isInside } from '../../core/escape/paths';
import { buildErrors } from '../../core/escape/textFindings';
import { findModuleRoot } from '../moduleRoot';
import type { EscapeToolchainOptions } from '../../protocol/types';
import { runCompiler, type CompilerRun } from './runCompiler';
import { SourceFiles } from './sourceFiles';

/** The outcome of one analysis: findings of the module's files, and what it took. */
export interface EscapeAnalysis {
  scope: 'package' | 'module';
  /** The directory the go command ran in (the package's, or the module root). */
  dir: string;
  /** Findings are kept for files under this directory (the module root). */
  root: string;
  findings: EscapeFinding[];
  noEscape: (SourcePos & { subject: string })[];
  /** `# importpath` headers of the -m text. */
  packages: string[];
  /** The _test.go files were compiled too (go test -c); without, their findings are not this analysis's. */
  tests: boolean;
  /** A re-run after a save: go build with -m (the text has no explanations; the JSON has them). */
  quick: boolean;
  /** The go command's arguments, and its stderr: the raw -m text (and build errors). */
  args: string[];
  text: string;
  exitCode: number;
  /** The build failed: these stderr lines are not compiler findings (errors, usage). */
  buildErrors: string[];
  /** JSON files that could not be read; their source files fell back to the text. */
  logErrors: string[];
  jsonFiles: string[];
  textOnlyFiles: string[];
  goMs: number;
  /** Time spent reading and parsing the outputs and mapping them to findings. */
  parseMs: number;
}

/** Runs the compiler for the package in `target` (a directory or a Go file in it) or its whole module. */
export async function analyzeEscapes(target: string, scope: 'package' | 'module', tc: EscapeToolchainOptions, signal?: AbortSignal, testsUnchanged = false): Promise<EscapeAnalysis> {
  // Real paths: the go command reports files under the real directory it runs in.
  const abs = resolve(target);
  const pkgDir = realpathSync(isDirectory(abs) ? abs : dirname(abs));
  const module = findModuleRoot(pkgDir);
  const root = module?.dir ?? pkgDir;
  const dir = scope === 'module' ? root : pkgDir;
  const run = await runCompiler(dir, scope, tc, signal, testsUnchanged);
  return { scope, dir, root, ...interpretRun(run, root) };
}

/** Compiler outputs → findings (pure apart from reading the source files it names). */
export function interpretRun(run: CompilerRun, root: string): Omit<EscapeAnalysis, 'scope' | 'dir' | 'root'> {
  const started = performance.now();
  const sources = new SourceFiles();
  const text = parseCompilerText(run.stderr, run.cwd);
  const logs: JsonLog[] = [];
  const logErrors: string[] = [];
  for (const { path, text: json } of run.logs) {
    try {
      logs.push(parseJsonLog(json, path));
    } catch (err) {
      if (!(err instanceof CompilerOutputError)) throw err;
      logErrors.push(err.message);
    }
  }
  const merged = mergeFindings({
    text,
    logs,
    keepFile: memo((f) => isInside(f, root) && sources.has(f)),
    lineText: (f, l) => sources.line(f, l),
  });
  return {
    ...merged,
    packages: text.packages,
    tests: run.tests,
    quick: run.quick,
    args: run.args,
    text: run.stderr,
    exitCode: run.exitCode,
    buildErrors: run.exitCode === 0 ? [] : buildErrors(text),
    logErrors,
    goMs: run.goMs,
    parseMs: performance.now() - started,
  };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
