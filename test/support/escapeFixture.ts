/**
 * The escape fixture (test/fixtures/escape) for gomem's escape-analysis
 * tests: its markers, an independent reading of raw -m text (the oracle),
 * its golden compiler output, and the program that writes its allocs profile.
 *
 * Only node: built-ins and the pure parts of gomem under test's own types.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompilerRun } from '../../src/node/escape/runCompiler';
import { fixtureDir, goBinary } from './goTools';

export const ESCAPE_FIXTURE = fixtureDir('escape');
export const ESCAPE_GOLDEN = path.join(ESCAPE_FIXTURE, 'golden');

/** Environment for the go command in tests: no network toolchains, no go.work above, no stray GOFLAGS. */
export const TEST_GO_ENV = { GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' };

/** The kinds the markers speak about. */
export const MARKED_KINDS = ['moved-to-heap', 'escapes-to-heap', 'leaking-param'];

export interface Marker {
  file: string;
  line: number;
  /** Exact set of escape kinds on the line; empty for `escape: none`. */
  kinds: string[];
}

/** `// escape: KINDS` / `// escape: none` after code, in the fixture's own Go files (not vendor/). */
export function readMarkers(dir = ESCAPE_FIXTURE): Marker[] {
  const out: Marker[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!rel.endsWith('.go') || rel.startsWith('vendor')) continue;
    const file = path.join(dir, rel);
    fs.readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
      const m = /\S.*\/\/ escape: (.+)$/.exec(text);
      if (m) out.push({ file, line: i + 1, kinds: m[1].trim() === 'none' ? [] : m[1].split(',').map((k) => k.trim()).sort() });
    });
  }
  return out;
}

/**
 * The oracle: which (file, line, kind) the raw -m text reports, read with
 * regular expressions of its own (not gomem's parser). Flow explanations
 * (`X escapes to heap in F:`, indented lines) are not findings.
 * Keys are `relative/file.go:LINE kind`, files relative to `root`.
 */
export function oracleKeys(text: string, cwd: string, root: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^(\S.*?):(\d+):\d+: (\S.*)$/.exec(line);
    if (!m || / in [^ ]+:$/.test(m[3]) || /^parameter .* leaks to .*:$/.test(m[3])) continue;
    const kind = oracleKind(m[3]);
    const file = path.resolve(cwd, m[1]);
    if (kind && file.startsWith(root + path.sep) && fs.existsSync(file)) out.add(`${path.relative(root, file)}:${m[2]} ${kind}`);
  }
  return out;
}

function oracleKind(msg: string): string | undefined {
  if (msg.startsWith('moved to heap: ')) return 'moved-to-heap';
  if (msg.startsWith('leaking param')) return 'leaking-param';
  if (msg.startsWith('can inline ')) return 'can-inline';
  if (/^cannot inline .+?: /.test(msg) && !/ into .+: repeated recursive cycle$/.test(msg)) return 'cannot-inline';
  if (msg.endsWith(' escapes to heap')) return 'escapes-to-heap';
  return undefined;
}

/** gomem's findings as the same keys. */
export function findingKeys(findings: readonly { file: string; line: number; kind: string }[], root: string, kinds?: readonly string[]): Set<string> {
  return new Set(findings.filter((f) => !kinds || kinds.includes(f.kind)).map((f) => `${path.relative(root, f.file)}:${f.line} ${f.kind}`));
}

// ---------------------------------------------------------------------------
// Golden compiler output (module-scope run at the fixture root)

const PLACEHOLDER = '$FIXTURE';

/** Writes a run's text and the fixture's JSON logs with the fixture path replaced by $FIXTURE. */
export function writeGolden(run: CompilerRun): void {
  fs.rmSync(ESCAPE_GOLDEN, { recursive: true, force: true });
  fs.mkdirSync(path.join(ESCAPE_GOLDEN, 'json'), { recursive: true });
  const hide = (s: string) => s.split(ESCAPE_FIXTURE).join(PLACEHOLDER);
  fs.writeFileSync(path.join(ESCAPE_GOLDEN, 'm2.txt'), hide(run.stderr));
  fs.writeFileSync(path.join(ESCAPE_GOLDEN, 'args.json'), JSON.stringify(run.args.map((a) => a.replace(/file:\/\/\S+/, 'file://$JSONDIR')), null, 1) + '\n');
  for (const log of run.logs) {
    const header = JSON.parse(log.text.slice(0, log.text.indexOf('\n'))) as { file: string };
    if (!header.file.startsWith(ESCAPE_FIXTURE)) continue; // GOROOT files inlined into the fixture: not needed
    const rel = path.relative(ESCAPE_FIXTURE, header.file).replace(/[\\/]/g, '__');
    fs.writeFileSync(path.join(ESCAPE_GOLDEN, 'json', `${rel}.json`), hide(log.text));
  }
}

/** The golden run as if it had just happened in this checkout. */
export function readGolden(): CompilerRun {
  const show = (s: string) => s.split(PLACEHOLDER).join(ESCAPE_FIXTURE);
  const jsonDir = path.join(ESCAPE_GOLDEN, 'json');
  return {
    args: JSON.parse(fs.readFileSync(path.join(ESCAPE_GOLDEN, 'args.json'), 'utf8')),
    tests: true,
    quick: false,
    cwd: ESCAPE_FIXTURE,
    exitCode: 0,
    stderr: show(fs.readFileSync(path.join(ESCAPE_GOLDEN, 'm2.txt'), 'utf8')),
    logs: fs.readdirSync(jsonDir).sort().map((f) => ({ path: path.join(jsonDir, f), text: show(fs.readFileSync(path.join(jsonDir, f), 'utf8')) })),
    goMs: 0,
  };
}

// ---------------------------------------------------------------------------
// The fixture program and its allocs profile

let profileRun: string | undefined;

/** Builds and runs the fixture (once per process); returns its allocs.pb.gz. */
export function escapeProfile(): string {
  if (profileRun) return profileRun;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gomem-escape-fixture-'));
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
  const env = { ...process.env, ...TEST_GO_ENV };
  const bin = path.join(out, process.platform === 'win32' ? 'escape.exe' : 'escape');
  execFileSync(goBinary(), ['build', '-o', bin, '.'], { cwd: ESCAPE_FIXTURE, env, stdio: 'pipe' });
  execFileSync(bin, ['-out', out], { cwd: out, stdio: 'pipe' });
  return (profileRun = path.join(out, 'allocs.pb.gz'));
}
