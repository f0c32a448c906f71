import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { until } from '../integration/suite/until';
import { captureTempDir, functionValue, startPprofServer } from '../support/fixtureServer';
import { repoRoot, skipUnlessGo } from '../support/goTools';

/** `gomem watch` as a user runs it (dist/cli.js), against the pprofserver fixture. */
const skip = skipUnlessGo();
const MiB = 1 << 20;

interface Run {
  readonly child: ChildProcess;
  readonly lines: string[];
  stderr(): string;
  exit: Promise<number | null>;
}

function watch(args: string[]): Run {
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    const parts = (partial + c).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => err, exit };
}

test('watch prints a line per poll, one WARNING with snapshot paths per breach, and exits 0 on Ctrl-C', { skip }, async () => {
  const server = await startPprofServer();
  const dir = captureTempDir('gomem-watch-');
  const run = watch([server.baseUrl, '--interval', '0.3', '--heap-growth', '100', '--snapshot-dir', dir, '--gc-pause', '0', '--goroutines', '0']);
  try {
    await until('two poll lines', () => run.lines.length >= 2, 30_000);
    assert.match(run.lines[0], /^\d\d:\d\d:\d\d heap [\d.]+ MB · … · GC \d+ · [\d.]+ [µm]?s · \d+ goroutines$/);
    assert.match(run.lines[1], /· \+[\d.]+ (B|kB|MB)\/s ·/);
    await server.control('/grow?mb=32');
    const warning = await until('a WARNING line', () => run.lines.find((l) => l.includes('WARNING')), 30_000);
    const polls = run.lines.length;
    await until('three more polls', () => run.lines.length >= polls + 3, 30_000);
    assert.equal(run.lines.filter((l) => l.includes('WARNING')).length, 1);
    const files = /snapshots: (.*)$/.exec(warning)![1].split(', ');
    assert.equal(files.length, 2, warning);
    assert.ok(files.every((f) => f.startsWith(dir) && existsSync(f)));
    assert.ok(functionValue(files[0], 'main.growHeap', 'inuse_space').flat >= 32 * MiB);
    run.child.kill('SIGINT');
    assert.equal(await run.exit, 0, run.stderr());
  } finally {
    run.child.kill('SIGKILL');
    server.stop();
  }
});

test('watch exits 1 with a message when the target goes away', { skip }, async () => {
  const server = await startPprofServer();
  const run = watch([String(server.pid), '--interval', '0.2', '--no-snapshot']);
  try {
    await until('a poll line', () => run.lines.length >= 1, 30_000);
    server.stop();
    assert.equal(await run.exit, 1);
    assert.match(run.stderr(), /gomem: stopped watching http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/: the target is gone: connection refused 3 times in a row/);
  } finally {
    run.child.kill('SIGKILL');
  }
});

test('watch rejects bad options with the usage', async () => {
  const run = watch(['localhost:1', '--interval', '0']);
  assert.equal(await run.exit, 2);
  assert.match(run.stderr(), /--interval takes a positive number, not "0"/);
});
