/**
 * Go's own tools as test oracles, and the real Go fixture programs.
 *
 * - `runAllocsFixture()` builds and runs test/fixtures/allocs (with the
 *   machine's `go`, into a temp dir) and returns the heap/allocs profiles.
 * - `pprofTop()` / `pprofRaw()` run `go tool pprof` on a profile and parse its
 *   text; `parsePprofTop()` / `parsePprofRaw()` are the pure parsers, used on
 *   live output and on the golden text under test/fixtures/golden so unit tests
 *   also run without Go.
 *
 * Formats (read from google/pprof as vendored in Go 1.26,
 * internal/report/report.go printText and profile/profile.go String):
 *
 *   -top: header lines, then `      flat  flat%   sum%        cum   cum%`, then
 *         one row per node: `%10s %s %s %10s %s  NAME[ (inline)|(partial-inline)]`
 *         where NAME is `function` (default granularity) or
 *         `function file:line[:col]` (-lines).
 *   -raw: `Samples:`, a line of `type/unit[dflt]` sample types, one line per
 *         sample ` %10d…: locid locid … ` (leaf first) optionally followed by
 *         label lines indented 16 spaces, then `Locations` (`%6d: 0xADDR M=n [F] `
 *         then `fn file:line:col s=startline[(systemname)]`, further (outer)
 *         lines of the same location indented 13 spaces: the first lines are
 *         inlined, the last is the physical function), then `Mappings`.
 *
 * Only node: built-ins; bundled by esbuild to CommonJS.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// ---------------------------------------------------------------------------
// Go on PATH

/** The go command used by these helpers: $GOMEM_GO, else `go` on PATH. */
export function goBinary(): string {
  return process.env.GOMEM_GO || 'go';
}

let goVersionCache: string | null | undefined;

/** `go version` output, or null when go cannot be run. */
export function goVersion(): string | null {
  if (goVersionCache === undefined) {
    const r = spawnSync(goBinary(), ['version'], { encoding: 'utf8', env: goEnv(), timeout: 60_000 });
    goVersionCache = r.status === 0 && typeof r.stdout === 'string' ? r.stdout.trim() : null;
  }
  return goVersionCache;
}

export function goAvailable(): boolean {
  return goVersion() !== null;
}

/**
 * For `test(name, { skip: skipUnlessGo() }, …)`: undefined when go is
 * available, else the reason to skip. In CI (`CI=true`) a missing go is an
 * error, never a skip.
 */
export function skipUnlessGo(): string | undefined {
  if (goAvailable()) return undefined;
  const reason = `go not found on PATH (looked for "${goBinary()}")`;
  if (process.env.CI === 'true') {
    throw new Error(`${reason}: tests that need Go must not be skipped in CI`);
  }
  return reason;
}

/** Environment for go commands: never fetch a toolchain, never use a go.work above the fixture. */
function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '' };
}

// ---------------------------------------------------------------------------
// Repository paths

let repoRootCache: string | undefined;

/**
 * The repository root: the nearest directory at or above $GOMEM_REPO_ROOT,
 * this file, or the cwd (in that order) whose package.json is named "gomem".
 */
export function repoRoot(): string {
  if (repoRootCache) return repoRootCache;
  // Bundled tests run from an out dir outside the repo: then the cwd (or $GOMEM_REPO_ROOT) decides.
  const starts = [process.env.GOMEM_REPO_ROOT, __dirname, process.cwd()].filter((s): s is string => !!s);
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      const pj = path.join(dir, 'package.json');
      if (fs.existsSync(pj)) {
        try {
          if (JSON.parse(fs.readFileSync(pj, 'utf8')).name === 'gomem') {
            repoRootCache = dir;
            return dir;
          }
        } catch {
          // not JSON: keep walking up
        }
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(`cannot find the gomem repository root above ${__dirname} or ${process.cwd()}`);
}

/** Absolute path of test/fixtures/<name>. */
export function fixtureDir(name: string): string {
  return path.join(repoRoot(), 'test', 'fixtures', name);
}

/** Absolute path of test/fixtures/golden/<name> (or the directory itself). */
export function goldenPath(name = ''): string {
  return path.join(fixtureDir('golden'), name);
}

// ---------------------------------------------------------------------------
// Running commands

const MAX_BUFFER = 1 << 30;

interface RunResult {
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env: goEnv(), maxBuffer: MAX_BUFFER, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${err.message}\n${stderr}`));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

const tempDirs: string[] = [];
let cleanupRegistered = false;

/** A fresh temp dir, removed when the process exits (unless GOMEM_KEEP_TMP is set). */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on('exit', () => {
      if (process.env.GOMEM_KEEP_TMP) return;
      for (const d of tempDirs) {
        try {
          fs.rmSync(d, { recursive: true, force: true });
        } catch {
          // best effort
        }
      }
    });
  }
  return dir;
}

// ---------------------------------------------------------------------------
// The allocs fixture

export interface AllocsFixtureRun {
  /** heap.pb.gz written by the fixture (default sample type: inuse_space). */
  heap: string;
  /** allocs.pb.gz written by the fixture (default sample type: alloc_space). */
  allocs: string;
  /** The fixture's source directory (test/fixtures/allocs). */
  sourceDir: string;
  /** The temp directory holding the binary and the profiles. */
  outDir: string;
  /** The built binary. */
  binary: string;
  /** Milliseconds spent in `go build` and in running the program. */
  buildMs: number;
  runMs: number;
}

const fixtureRuns = new Map<string, Promise<AllocsFixtureRun>>();

/**
 * Build test/fixtures/allocs with `go build [-trimpath]` into a temp dir, run
 * it with `-out TMPDIR`, and return the profile paths. Memoised per process and
 * per option, so tests share one run.
 */
export function runAllocsFixture(opts: { trimpath?: boolean } = {}): Promise<AllocsFixtureRun> {
  const key = opts.trimpath ? 'trimpath' : 'plain';
  let p = fixtureRuns.get(key);
  if (!p) {
    p = buildAndRunAllocs(!!opts.trimpath);
    fixtureRuns.set(key, p);
    // A failed run is not cached: the next caller retries and sees the error.
    p.catch(() => fixtureRuns.delete(key));
  }
  return p;
}

async function buildAndRunAllocs(trimpath: boolean): Promise<AllocsFixtureRun> {
  const sourceDir = fixtureDir('allocs');
  const outDir = makeTempDir(`gomem-allocs-${trimpath ? 'trimpath-' : ''}`);
  const binary = path.join(outDir, process.platform === 'win32' ? 'allocs.exe' : 'allocs');
  const args = ['build', '-buildvcs=false'];
  if (trimpath) args.push('-trimpath');
  args.push('-o', binary, '.');
  const t0 = Date.now();
  await run(goBinary(), args, sourceDir);
  const t1 = Date.now();
  await run(binary, ['-out', outDir], outDir);
  const t2 = Date.now();
  const heap = path.join(outDir, 'heap.pb.gz');
  const allocs = path.join(outDir, 'allocs.pb.gz');
  for (const f of [heap, allocs]) {
    if (!fs.existsSync(f)) throw new Error(`the allocs fixture did not write ${f}`);
  }
  return { heap, allocs, sourceDir, outDir, binary, buildMs: t1 - t0, runMs: t2 - t1 };
}

/**
 * The allocation sites of test/fixtures/allocs (see its README.md), as
 * `go tool pprof -top -lines` reports them: the leaf line of each site, with
 * the exact values of the samples whose leaf it is. `file` is relative to the
 * fixture module (prefix it with the module path for -trimpath builds, or the
 * source directory otherwise). Values are per profile: heap.pb.gz and
 * allocs.pb.gz hold the same samples.
 */
export interface AllocsFixtureSite {
  name: string;
  function: string;
  file: string;
  line: number;
  inline: boolean;
  alloc_objects: number;
  alloc_space: number;
  inuse_objects: number;
  inuse_space: number;
}

export const ALLOCS_MODULE = 'example.com/gomem/fixtures/allocs';

export const allocsFixtureSites: readonly AllocsFixtureSite[] = [
  { name: 'plain big, retained', function: 'main.allocBig', file: 'main.go', line: 86, inline: false, alloc_objects: 1, alloc_space: 4194304, inuse_objects: 1, inuse_space: 4194304 },
  { name: 'garbage loop', function: 'main.garbageLoop', file: 'main.go', line: 94, inline: false, alloc_objects: 100, alloc_space: 6553600, inuse_objects: 0, inuse_space: 0 },
  { name: 'record index slice', function: 'main.buildRecords', file: 'main.go', line: 103, inline: false, alloc_objects: 1, alloc_space: 8192, inuse_objects: 1, inuse_space: 8192 },
  { name: 'inlined newRecord', function: 'main.newRecord', file: 'helpers.go', line: 16, inline: true, alloc_objects: 1000, alloc_space: 64000, inuse_objects: 1000, inuse_space: 64000 },
  { name: 'recursion', function: 'main.recurse', file: 'main.go', line: 121, inline: false, alloc_objects: 60, alloc_space: 5760, inuse_objects: 0, inuse_space: 0 },
  { name: 'generic [int]', function: 'main.makeSlice[go.shape.int]', file: 'helpers.go', line: 23, inline: false, alloc_objects: 1, alloc_space: 4096, inuse_objects: 1, inuse_space: 4096 },
  { name: 'generic [string]', function: 'main.makeSlice[go.shape.string]', file: 'helpers.go', line: 23, inline: false, alloc_objects: 2, alloc_space: 18944, inuse_objects: 0, inuse_space: 0 },
  { name: 'closure', function: 'main.closureAllocs.func1', file: 'main.go', line: 147, inline: false, alloc_objects: 20, alloc_space: 40960, inuse_objects: 0, inuse_space: 0 },
  { name: 'store.New', function: `${ALLOCS_MODULE}/store.New`, file: 'store/store.go', line: 13, inline: false, alloc_objects: 2, alloc_space: 56, inuse_objects: 2, inuse_space: 56 },
  { name: 'store Put copy', function: `${ALLOCS_MODULE}/store.(*Store).Put`, file: 'store/store.go', line: 20, inline: false, alloc_objects: 50, alloc_space: 16000, inuse_objects: 50, inuse_space: 16000 },
  { name: 'store.Scratch', function: `${ALLOCS_MODULE}/store.Scratch`, file: 'store/store.go', line: 32, inline: false, alloc_objects: 30, alloc_space: 46080, inuse_objects: 0, inuse_space: 0 },
];

/**
 * Lines that are not allocation sites themselves but whose cum is known:
 * the recursive call in main.recurse is on the stack of every sample but the
 * deepest: 10 calls x 5 depths x 96 B, counted once per sample.
 */
export const allocsFixtureCumLines = [
  { function: 'main.recurse', file: 'main.go', line: 123, alloc_objects: 50, alloc_space: 4800 },
] as const;

// ---------------------------------------------------------------------------
// go tool pprof -top

export interface PprofRow {
  flat: number;
  cum: number;
  /** Function name exactly as pprof prints it (generics: `main.F[go.shape.int]`, closures: `main.f.func1`). */
  function: string;
  /** With -lines: the file as pprof prints it. */
  file?: string;
  /** With -lines: the line number. */
  line?: number;
  /** With -lines, only when the profile has columns (Go's never do). */
  column?: number;
  /** pprof printed ` (inline)` or ` (partial-inline)` after the name. */
  inline: boolean;
  /** pprof printed ` (partial-inline)`: reached both inlined and not. */
  partialInline: boolean;
  /** The name column as printed, without the inline marker. */
  name: string;
}

export interface PprofTopReport {
  /** Header lines before the column titles, verbatim. */
  header: string[];
  /** `Type:` from the header (the sample type shown). */
  type?: string;
  /** `File:` / `Build ID:` from the header. */
  file?: string;
  buildId?: string;
  /** From `Showing nodes accounting for SHOWN, P% of TOTAL total`. */
  shown: number;
  total: number;
  /** From `Dropped N nodes (cum <= X)`; 0 when absent. */
  droppedNodes: number;
  /** From `Showing top N nodes out of M`, when present. */
  topNodes?: { shown: number; of: number };
  rows: PprofRow[];
}

export interface PprofTopOptions {
  /** Sample type name (`alloc_space`, `inuse_objects`, …) for -sample_index. */
  sampleIndex: string;
  /** -lines: one row per function+file+line instead of per function. */
  lines: boolean;
  /** Output unit; default: `B` when the sample type's unit is bytes, else none (plain counts). */
  unit?: string;
}

/**
 * The exact `go tool pprof` arguments for a -top report that lists every node
 * with unrounded values:
 * - `-nodefraction=0`: the default (0.005) drops nodes whose cum is below
 *   0.5% of the total and prints `Dropped N nodes`.
 * - `-nodecount=0`: no limit (already the default for -top/-text; explicit here).
 * - `-edgefraction=0`: -top prints no edges, but it still trims edges whose
 *   weight is below 0.1% of the total (silently: no "Dropped N edges" line in
 *   -top), and a node's `(inline)` label comes from its remaining in-edges. With
 *   the default, small inlined callees lose their `(inline)` marker (seen:
 *   flag.(*FlagSet).StringVar, 320 B of 10.9 MB, in alloc_space but not in
 *   alloc_objects).
 * - `-unit=B` for byte-valued sample types: the default unit "minimum" prints
 *   scaled, rounded values (`10.45MB`, `0.06MB`). Not for counts: with -unit=B
 *   pprof prints `1000B` for objects; counts print as plain integers already.
 */
export function pprofTopArgs(file: string, opts: PprofTopOptions & { unit?: string }): string[] {
  const args = ['tool', 'pprof', '-top'];
  if (opts.lines) args.push('-lines');
  args.push('-nodefraction=0', '-edgefraction=0', '-nodecount=0', `-sample_index=${opts.sampleIndex}`);
  if (opts.unit) args.push(`-unit=${opts.unit}`);
  args.push(file);
  return args;
}

/** Runs pprof -top and returns its raw stdout (and the arguments used). */
export async function pprofTopText(file: string, opts: PprofTopOptions): Promise<{ text: string; args: string[] }> {
  let unit = opts.unit;
  if (unit === undefined) {
    const types = await pprofSampleTypes(file);
    const st = types.find((t) => t.type === opts.sampleIndex) ?? (/^\d+$/.test(opts.sampleIndex) ? types[Number(opts.sampleIndex)] : undefined);
    if (!st) throw new Error(`${file} has no sample type ${opts.sampleIndex} (has ${types.map((t) => t.type).join(', ')})`);
    unit = st.unit === 'bytes' ? 'B' : undefined;
  }
  const args = pprofTopArgs(path.resolve(file), { ...opts, unit });
  // Run outside any source tree: pprof's path heuristics look at the search path.
  const { stdout } = await run(goBinary(), args, os.tmpdir());
  return { text: stdout, args };
}

/** `go tool pprof -top [-lines] -nodefraction=0 -edgefraction=0 -nodecount=0 -sample_index=… [-unit=B]`, parsed. */
export async function pprofTopReport(file: string, opts: PprofTopOptions): Promise<PprofTopReport> {
  const { text, args } = await pprofTopText(file, opts);
  const report = parsePprofTop(text);
  if (report.droppedNodes !== 0) {
    throw new Error(`go ${args.join(' ')} dropped ${report.droppedNodes} nodes`);
  }
  return report;
}

/** The rows of `go tool pprof -top` exactly as printed (not re-aggregated). */
export async function pprofTop(file: string, opts: PprofTopOptions): Promise<PprofRow[]> {
  return (await pprofTopReport(file, opts)).rows;
}

const TOP_COLUMNS = /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/;
const TOP_ROW = /^\s*(\S+)\s+(\S+%)\s+(\S+%)\s+(\S+)\s+(\S+%)  (.*)$/;

/** Parse the text of `go tool pprof -top [-lines]`. */
export function parsePprofTop(text: string): PprofTopReport {
  const lines = text.split(/\r?\n/);
  const header: string[] = [];
  let i = 0;
  for (; i < lines.length && !TOP_COLUMNS.test(lines[i]!); i++) header.push(lines[i]!);
  if (i === lines.length) throw new Error('not pprof -top output: no "flat flat% sum% cum cum%" line');
  const report: PprofTopReport = { header, shown: NaN, total: NaN, droppedNodes: 0, rows: [] };
  for (const h of header) {
    let m: RegExpMatchArray | null;
    if ((m = h.match(/^Type: (.*)$/))) report.type = m[1];
    else if ((m = h.match(/^File: (.*)$/))) report.file = m[1];
    else if ((m = h.match(/^Build ID: (.*)$/))) report.buildId = m[1];
    else if ((m = h.match(/^Showing nodes accounting for (\S+), \S+ of (\S+) total$/))) {
      report.shown = parsePprofValue(m[1]!);
      report.total = parsePprofValue(m[2]!);
    } else if ((m = h.match(/^Dropped (\d+) nodes? \(cum <= /))) report.droppedNodes = Number(m[1]);
    else if ((m = h.match(/^Showing top (\d+) nodes out of (\d+)$/))) report.topNodes = { shown: Number(m[1]), of: Number(m[2]) };
  }
  if (Number.isNaN(report.total)) throw new Error('pprof -top output has no "Showing nodes accounting for" line');
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = line.match(TOP_ROW);
    if (!m) throw new Error(`unexpected pprof -top row: ${JSON.stringify(line)}`);
    let name = m[6]!;
    let inline = false;
    let partialInline = false;
    if (name.endsWith(' (partial-inline)')) {
      name = name.slice(0, -' (partial-inline)'.length);
      inline = partialInline = true;
    } else if (name.endsWith(' (inline)')) {
      name = name.slice(0, -' (inline)'.length);
      inline = true;
    }
    const row: PprofRow = { flat: parsePprofValue(m[1]!), cum: parsePprofValue(m[4]!), function: name, inline, partialInline, name };
    const [fn, rest] = splitFunctionName(name);
    if (rest !== undefined) {
      const loc = parseFileLine(rest);
      if (loc) {
        row.function = fn;
        row.file = loc.file;
        row.line = loc.line;
        if (loc.column !== undefined) row.column = loc.column;
      }
    }
    report.rows.push(row);
  }
  return report;
}

/**
 * A value as pprof prints it: a plain integer (counts, or `-unit=B` zero) or
 * an integer with a `B` suffix (`-unit=B`). Scaled values (`10.45MB`) are
 * rounded and rejected.
 */
export function parsePprofValue(s: string): number {
  const m = s.match(/^(-?\d+)B?$/);
  if (!m) throw new Error(`pprof printed a scaled or non-integer value ${JSON.stringify(s)}; use -unit=B for bytes`);
  const v = Number(m[1]);
  if (!Number.isSafeInteger(v)) throw new Error(`pprof value ${s} is beyond 2^53`);
  return v;
}

/**
 * Split `function rest` at the first space that is outside brackets and not
 * followed by `{` (Go names can hold spaces only inside `[...]`, `(...)`,
 * `{...}` or in `interface {}` / `struct {`).
 */
function splitFunctionName(s: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ' ' && depth === 0 && s[i + 1] !== '{') return [s.slice(0, i), s.slice(i + 1)];
  }
  return [s, undefined];
}

function parseFileLine(s: string): { file: string; line: number; column?: number } | undefined {
  let m = s.match(/^(.*):(\d+):(\d+)$/);
  if (m) return { file: m[1]!, line: Number(m[2]), column: Number(m[3]) };
  m = s.match(/^(.*):(\d+)$/);
  if (m) return { file: m[1]!, line: Number(m[2]) };
  return undefined;
}

// ---------------------------------------------------------------------------
// go tool pprof -raw

export interface RawSampleType {
  type: string;
  unit: string;
  /** pprof marked it `[dflt]` (the profile's default_sample_type). */
  isDefault: boolean;
}

export interface RawSample {
  values: number[];
  /** Location ids, leaf first. */
  locationIds: number[];
  /** String labels, `key:[v1 v2]` (best effort: values containing spaces are split). */
  labels: Record<string, string[]>;
  /** Numeric labels (Go heap profiles: `bytes`, the object size). */
  numLabels: Record<string, number[]>;
  /** Units of numeric labels, when the profile gives them. */
  numUnits: Record<string, string[]>;
}

export interface RawLine {
  function: string;
  file: string;
  line: number;
  column: number;
  /** Function start line (`s=`). */
  startLine: number;
  /** Printed only when different from the name. */
  systemName?: string;
  /** True for every line but the last of a location (the last is the physical function). */
  inline: boolean;
  /** pprof printed `??`: no function. */
  unknown?: boolean;
}

export interface RawLocation {
  id: number;
  address: bigint;
  mappingId?: number;
  isFolded: boolean;
  /** Innermost first. */
  lines: RawLine[];
}

export interface RawMapping {
  id: number;
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

export interface RawProfile {
  comments: string[];
  docUrl?: string;
  periodType?: { type: string; unit: string };
  period: number;
  /** As Go's time.Time.String() prints it. */
  time?: string;
  duration?: string;
  sampleTypes: RawSampleType[];
  /** The type marked [dflt], if any (unset default_sample_type: none is marked). */
  defaultSampleType?: string;
  samples: RawSample[];
  locations: Map<number, RawLocation>;
  mappings: RawMapping[];
}

export async function pprofRawText(file: string): Promise<string> {
  const { stdout } = await run(goBinary(), ['tool', 'pprof', '-raw', path.resolve(file)], os.tmpdir());
  return stdout;
}

const rawCache = new Map<string, Promise<RawProfile>>();

/** `go tool pprof -raw FILE`, parsed. Memoised by path, size and mtime. */
export function pprofRaw(file: string): Promise<RawProfile> {
  const abs = path.resolve(file);
  const st = fs.statSync(abs);
  const key = `${abs}\0${st.size}\0${st.mtimeMs}`;
  let p = rawCache.get(key);
  if (!p) {
    p = pprofRawText(abs).then(parsePprofRaw);
    rawCache.set(key, p);
    p.catch(() => rawCache.delete(key));
  }
  return p;
}

/** The sample types of a profile, from `go tool pprof -raw`. */
export async function pprofSampleTypes(file: string): Promise<RawSampleType[]> {
  return (await pprofRaw(file)).sampleTypes;
}

const SAMPLE_LINE = /^((?: +-?\d+)+): ((?:\d+ )*)$/;
const LOCATION_LINE = /^ *(\d+): (0x[0-9a-f]+) (?:M=(\d+) )?(\[F\] )?(.*)$/;
const LINE_ENTRY = /^(.*):(-?\d+):(-?\d+) s=(-?\d+)(?:\((.*)\))?$/;
const MAPPING_LINE = /^(\d+): (0x[0-9a-f]+)\/(0x[0-9a-f]+)\/(0x[0-9a-f]+) (.*) (\S*) ((?:\[[A-Z]+\])*)$/;

/** Parse the text of `go tool pprof -raw` (google/pprof profile.Profile.String()). */
export function parsePprofRaw(text: string): RawProfile {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const prof: RawProfile = { comments: [], period: 0, sampleTypes: [], samples: [], locations: new Map(), mappings: [] };
  let i = 0;
  // Header, up to "Samples:".
  for (; i < lines.length && lines[i] !== 'Samples:'; i++) {
    const l = lines[i]!;
    let m: RegExpMatchArray | null;
    if ((m = l.match(/^Comment: (.*)$/))) prof.comments.push(m[1]!);
    else if ((m = l.match(/^Doc: (.*)$/))) prof.docUrl = m[1];
    else if ((m = l.match(/^PeriodType: (\S*) (\S*)$/))) prof.periodType = { type: m[1]!, unit: m[2]! };
    else if ((m = l.match(/^Period: (-?\d+)$/))) prof.period = Number(m[1]);
    else if ((m = l.match(/^Time: (.*)$/))) prof.time = m[1];
    else if ((m = l.match(/^Duration: (.*)$/))) prof.duration = m[1];
    else throw new Error(`pprof -raw: unexpected header line ${JSON.stringify(l)}`);
  }
  if (i >= lines.length) throw new Error('not pprof -raw output: no "Samples:" line');
  i++;
  // Sample types.
  for (const tok of (lines[i++] ?? '').split(' ').filter(Boolean)) {
    const m = tok.match(/^(.*)\/(.*?)(\[dflt\])?$/);
    if (!m) throw new Error(`pprof -raw: bad sample type ${JSON.stringify(tok)}`);
    const st: RawSampleType = { type: m[1]!, unit: m[2]!, isDefault: !!m[3] };
    if (st.isDefault) prof.defaultSampleType = st.type;
    prof.sampleTypes.push(st);
  }
  // Samples, up to "Locations".
  let current: RawSample | undefined;
  let labelLines = 0;
  for (; i < lines.length && lines[i] !== 'Locations'; i++) {
    const l = lines[i]!;
    const m = l.match(SAMPLE_LINE);
    if (m) {
      current = {
        values: m[1]!.trim().split(/ +/).map(toSafeInt),
        locationIds: m[2]!.trim() === '' ? [] : m[2]!.trim().split(' ').map(toSafeInt),
        labels: {},
        numLabels: {},
        numUnits: {},
      };
      labelLines = 0;
      prof.samples.push(current);
      continue;
    }
    if (current && /^ {16}\S/.test(l)) {
      parseLabelLine(l.slice(16), current, labelLines++);
      continue;
    }
    throw new Error(`pprof -raw: unexpected sample line ${JSON.stringify(l)}`);
  }
  i++;
  // Locations, up to "Mappings".
  let loc: RawLocation | undefined;
  for (; i < lines.length && lines[i] !== 'Mappings'; i++) {
    const l = lines[i]!;
    const m = l.match(LOCATION_LINE);
    if (m && !/^ {13}\S/.test(l)) {
      loc = { id: Number(m[1]), address: BigInt(m[2]!), isFolded: !!m[4], lines: [] };
      if (m[3] !== undefined) loc.mappingId = Number(m[3]);
      if (prof.locations.has(loc.id)) throw new Error(`pprof -raw: location ${loc.id} twice`);
      prof.locations.set(loc.id, loc);
      if (m[5] !== '') loc.lines.push(parseLineEntry(m[5]!));
      continue;
    }
    if (loc && /^ {13}\S/.test(l)) {
      loc.lines.push(parseLineEntry(l.slice(13)));
      continue;
    }
    throw new Error(`pprof -raw: unexpected location line ${JSON.stringify(l)}`);
  }
  for (const lc of prof.locations.values()) {
    lc.lines.forEach((ln, k) => (ln.inline = k < lc.lines.length - 1));
  }
  i++;
  // Mappings.
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '') continue;
    const m = l.match(MAPPING_LINE);
    if (!m) throw new Error(`pprof -raw: unexpected mapping line ${JSON.stringify(l)}`);
    const bits = m[7]!;
    prof.mappings.push({
      id: Number(m[1]),
      start: BigInt(m[2]!),
      limit: BigInt(m[3]!),
      offset: BigInt(m[4]!),
      file: m[5]!,
      buildId: m[6]!,
      hasFunctions: bits.includes('[FN]'),
      hasFilenames: bits.includes('[FL]'),
      hasLineNumbers: bits.includes('[LN]'),
      hasInlineFrames: bits.includes('[IN]'),
    });
  }
  for (const s of prof.samples) {
    if (s.values.length !== prof.sampleTypes.length) {
      throw new Error(`pprof -raw: a sample has ${s.values.length} values for ${prof.sampleTypes.length} sample types`);
    }
    for (const id of s.locationIds) {
      if (!prof.locations.has(id)) throw new Error(`pprof -raw: a sample refers to missing location ${id}`);
    }
  }
  return prof;
}

function toSafeInt(s: string): number {
  const v = Number(s);
  if (!Number.isSafeInteger(v)) throw new Error(`pprof -raw: value ${s} is not a safe integer`);
  return v;
}

function parseLineEntry(s: string): RawLine {
  if (s === '??') return { function: '', file: '', line: 0, column: 0, startLine: 0, inline: false, unknown: true };
  const m = s.match(LINE_ENTRY);
  if (!m) throw new Error(`pprof -raw: bad location line entry ${JSON.stringify(s)}`);
  const [fn, file] = splitFunctionName(m[1]!);
  const out: RawLine = { function: fn, file: file ?? '', line: Number(m[2]), column: Number(m[3]), startLine: Number(m[4]), inline: false };
  if (m[5] !== undefined) out.systemName = m[5];
  return out;
}

/**
 * A label line: `key:[v v] key2:[v]`, sorted by key. String labels come on the
 * first line and numeric ones on the second; a single line is numeric when all
 * its values are integers (optionally each followed by a unit).
 */
function parseLabelLine(s: string, sample: RawSample, index: number): void {
  const entries: Array<[string, string[]]> = [];
  const re = /(\S+?):\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) entries.push([m[1]!, m[2] === '' ? [] : m[2]!.split(' ')]);
  const numeric = (vals: string[]) => vals.every((v) => /^-?\d+$/.test(v)) || (vals.length % 2 === 0 && vals.every((v, k) => (k % 2 === 0 ? /^-?\d+$/.test(v) : !/^-?\d+$/.test(v))));
  const isNumeric = index > 0 || (Object.keys(sample.labels).length === 0 && entries.every(([, v]) => numeric(v)));
  for (const [k, vals] of entries) {
    if (!isNumeric) {
      sample.labels[k] = vals;
    } else if (vals.every((v) => /^-?\d+$/.test(v))) {
      sample.numLabels[k] = vals.map(toSafeInt);
    } else {
      sample.numLabels[k] = vals.filter((_, j) => j % 2 === 0).map(toSafeInt);
      sample.numUnits[k] = vals.filter((_, j) => j % 2 === 1);
    }
  }
}

// ---------------------------------------------------------------------------
// Reference aggregation from -raw, the way pprof's -top builds its nodes

export interface AggregatedRow {
  function: string;
  file?: string;
  line?: number;
  flat: number;
  cum: number;
  /** pprof's `(inline)` / `(partial-inline)` label, computed the way -top does. */
  inline: boolean;
  partialInline: boolean;
}

/**
 * Aggregate raw samples per function (lines=false) or per function+file+line
 * (lines=true) the way `go tool pprof -top` builds its nodes
 * (internal/graph/graph.go newGraph): samples whose value is 0 are skipped;
 * cum once per sample for every distinct node on its stack (inlined frames
 * included); flat to the leaf frame; an edge caller→callee is inline when the
 * callee is not the last (physical) line of its location, and stays inline
 * only if it is every time; a node is `(inline)` when all its in-edges are
 * inline, `(partial-inline)` when some are. Tests use it to check the two
 * parsers against each other; it is also a reference for gomem's decoder.
 */
export function aggregateRaw(prof: RawProfile, sampleIndex: string, lines: boolean): Map<string, AggregatedRow> {
  const idx = prof.sampleTypes.findIndex((t) => t.type === sampleIndex);
  if (idx < 0) throw new Error(`no sample type ${sampleIndex}`);
  const out = new Map<string, AggregatedRow>();
  const edges = new Map<string, { to: string; inline: boolean }>();
  const keyOf = (ln: RawLine) => (lines ? `${ln.function} ${ln.file}:${ln.line}` : ln.function);
  for (const s of prof.samples) {
    const v = s.values[idx]!;
    if (v === 0) continue;
    const seenNode = new Set<string>();
    const seenEdge = new Set<string>();
    let parent: string | undefined;
    // Root to leaf; within a location, outermost (physical) line first.
    for (let i = s.locationIds.length - 1; i >= 0; i--) {
      const locLines = prof.locations.get(s.locationIds[i]!)!.lines;
      for (let ni = locLines.length - 1; ni >= 0; ni--) {
        const ln = locLines[ni]!;
        const key = keyOf(ln);
        let row = out.get(key);
        if (!row) {
          row = lines
            ? { function: ln.function, file: ln.file, line: ln.line, flat: 0, cum: 0, inline: false, partialInline: false }
            : { function: ln.function, flat: 0, cum: 0, inline: false, partialInline: false };
          out.set(key, row);
        }
        if (!seenNode.has(key)) {
          seenNode.add(key);
          row.cum += v;
        }
        if (parent !== undefined && parent !== key) {
          const ek = `${parent}\0${key}`;
          if (!seenEdge.has(ek)) {
            seenEdge.add(ek);
            const inline = ni !== locLines.length - 1;
            const e = edges.get(ek);
            if (e) e.inline = e.inline && inline;
            else edges.set(ek, { to: key, inline });
          }
        }
        parent = key;
      }
    }
    if (parent !== undefined) out.get(parent)!.flat += v;
  }
  const inIn = new Map<string, { inline: boolean; noinline: boolean }>();
  for (const e of edges.values()) {
    const f = inIn.get(e.to) ?? { inline: false, noinline: false };
    if (e.inline) f.inline = true;
    else f.noinline = true;
    inIn.set(e.to, f);
  }
  for (const [key, row] of out) {
    const f = inIn.get(key);
    row.inline = !!f?.inline;
    row.partialInline = !!f?.inline && f.noinline;
  }
  for (const [key, row] of out) if (row.flat === 0 && row.cum === 0) out.delete(key);
  return out;
}

/** The key aggregateRaw uses for a -top row. */
export function rowKey(row: { function: string; file?: string; line?: number }): string {
  return row.file !== undefined ? `${row.function} ${row.file}:${row.line}` : row.function;
}
