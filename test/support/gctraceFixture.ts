import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { fixtureDir, goBinary, makeTempDir } from './goTools';

/** What one run of test/fixtures/gcchurn with GODEBUG=gctrace=1 printed. */
export interface GcChurnRun {
  stderr: string;
  stdout: string;
  /** The experiment the binary was built with ('' when the local go lacks goroutineleakprofile). */
  experiment: string;
}

let churn: Promise<GcChurnRun> | undefined;

/**
 * Builds and runs the gcchurn fixture once per process with
 * GODEBUG=gctrace=1 (and -leakcheck, built with
 * GOEXPERIMENT=goroutineleakprofile where the local go knows it).
 */
export function runGcChurn(): Promise<GcChurnRun> {
  churn ??= buildAndRun();
  return churn;
}

async function buildAndRun(): Promise<GcChurnRun> {
  const { binary, experiment } = await buildGcChurn();
  const { stdout, stderr } = await exec(binary, experiment ? ['-leakcheck'] : [], path.dirname(binary), { GODEBUG: 'gctrace=1' });
  return { stdout, stderr, experiment };
}

let built: Promise<{ binary: string; experiment: string }> | undefined;

/** The gcchurn binary, built once per process into a temp dir. */
export function buildGcChurn(): Promise<{ binary: string; experiment: string }> {
  built ??= (async () => {
    const binary = path.join(makeTempDir('gomem-gcchurn-'), process.platform === 'win32' ? 'gcchurn.exe' : 'gcchurn');
    const build = (experiment: string) => exec(goBinary(), ['build', '-buildvcs=false', '-o', binary, '.'], fixtureDir('gcchurn'), { GOEXPERIMENT: experiment });
    let experiment = 'goroutineleakprofile';
    // Go before 1.26 has no such experiment: the plain build still exercises everything else.
    await build(experiment).catch(async () => build((experiment = '')));
    return { binary, experiment };
  })();
  return built;
}

function exec(cmd: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env: { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '', ...env }, maxBuffer: 1 << 26, encoding: 'utf8' }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    );
  });
}

/** The gctrace lines of a text, found the simplest way: lines that start with "gc N @". */
export function gcLinesOf(text: string): string[] {
  return text.split('\n').filter((l) => /^gc \d+ @/.test(l));
}

/** A gctrace line's fields, taken apart by splitting on its separators: an oracle independent of the parser's regex. */
export interface SplitGcLine {
  n: number;
  atSec: number;
  percent: number;
  clockMs: number[];
  cpuMs: number[];
  heapMB: number[];
  goalMB: number;
  stacksMB: number;
  globalsMB: number;
  procs: number;
  forced: boolean;
}

export function splitGcLine(line: string): SplitGcLine {
  const colon = line.indexOf(': ');
  const [gc, n, at, percent] = line.slice(0, colon).split(' ');
  if (gc !== 'gc') throw new Error(`not a gctrace line: ${line}`);
  const [clock, cpu, heap, goal, stacks, globals, procs] = line.slice(colon + 2).split(', ');
  const num = (s: string) => Number(s.split(' ')[0]);
  return {
    n: Number(n),
    atSec: Number(at.slice(1, -1)),
    percent: Number(percent.slice(0, -1)),
    clockMs: clock.replace(' ms clock', '').split('+').map(Number),
    cpuMs: cpu.replace(' ms cpu', '').split(/[+/]/).map(Number),
    heapMB: heap.replace(' MB', '').split('->').map(Number),
    goalMB: num(goal),
    stacksMB: num(stacks),
    globalsMB: num(globals),
    procs: num(procs),
    forced: procs.endsWith(' (forced)'),
  };
}
