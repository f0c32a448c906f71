/**
 * Go's own trace tooling as a test oracle, and the trace fixture programs.
 *
 * - `formatParsedEvent()` prints a gomem TraceEvent exactly the way
 *   internal/trace's Event.String() does, which is what
 *   `go tool trace -d=parsed` prints for every event: comparing the two texts
 *   line by line checks order, times, contexts, states, reasons and stacks of
 *   every event at once.
 * - `parseParsedText()` reads that text back into the facts the summary is
 *   checked against (GCs, STW ranges, heap metrics, goroutine creations,
 *   blocked time by reason), computed independently of gomem's summary code.
 * - `runTraceFixture()` builds and runs test/fixtures/trace-* with the
 *   machine's Go (or an older toolchain through GOTOOLCHAIN) and returns the
 *   trace it wrote.
 *
 * Format (Go 1.26 src/internal/trace/event.go, Event.String; printStack):
 *   `M=%d P=%d G=%d <Kind> Time=%d` + kind fields, then optionally
 *   "\nTransitionStack=\n" and "\nStack=\n" blocks of frames
 *   `\t<func> @ 0x<pc>\n\t\t<file>:<line>\n`; cmd/trace adds a newline.
 *
 * Only node: built-ins; bundled by esbuild to CommonJS.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EV, EV_SYNC } from '../../src/core/trace/events';
import { GO_STATE_NAMES, PROC_STATE_NAMES } from '../../src/core/trace/schedState';
import type { GenerationTables } from '../../src/core/trace/tables';
import type { TraceEvent } from '../../src/core/trace/traceEvent';
import { TraceReader } from '../../src/core/trace/reader';
import { newTransition, readTransition } from '../../src/core/trace/transition';
import { NO_REASON, SYSCALL, WAITING_AT_START } from '../../src/core/trace/summary/goroutineTracker';
import type { Frame, TraceSummary } from '../../src/core/trace/summary/model';
import { firstUserFrame } from '../../src/core/trace/summary/userFrame';
import { fixtureDir, goBinary, goldenPath } from './goTools';

// ---------------------------------------------------------------------------
// Printing events like Go's Event.String()

const KIND: Record<number, string> = {};
const kinds: Array<[string, number[]]> = [
  ['StackSample', [EV.CPUSample]],
  ['Metric', [EV.ProcsChange, EV.HeapAlloc, EV.HeapGoal]],
  ['RangeBegin', [EV.STWBegin, EV.GCBegin, EV.GCSweepBegin, EV.GCMarkAssistBegin]],
  ['RangeActive', [EV.GCActive, EV.GCSweepActive, EV.GCMarkAssistActive]],
  ['RangeEnd', [EV.STWEnd, EV.GCEnd, EV.GCSweepEnd, EV.GCMarkAssistEnd]],
  ['Label', [EV.GoLabel]],
  ['TaskBegin', [EV.UserTaskBegin]],
  ['TaskEnd', [EV.UserTaskEnd]],
  ['RegionBegin', [EV.UserRegionBegin]],
  ['RegionEnd', [EV.UserRegionEnd]],
  ['Log', [EV.UserLog]],
  ['Sync', [EV_SYNC]],
];
for (const [k, types] of kinds) for (const t of types) KIND[t] = k;

const TRANSITION = newTransition();

/** Go's %q for the ASCII strings traces hold (reasons, names, labels). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function value(v: number): string {
  return `Value{Uint64(${v})}`;
}

/** Task ids are uint64 in Go; the reader's -1 is NoTask. */
function taskId(v: number): string {
  return v === -1 ? '18446744073709551615' : String(v);
}

function frames(t: GenerationTables | undefined, stack: number): string {
  if (!t || stack === 0) return '';
  return t
    .resolveStack(stack)
    .map((f) => `\t${f.func} @ 0x${f.pc.toString(16)}\n\t\t${f.file}:${f.line}\n`)
    .join('');
}

/** Go's time.Time.Format(time.RFC3339Nano) of a UTC instant. */
export function rfc3339Nano(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  const base = d.toISOString().slice(0, 19);
  const frac = nsec === 0 ? '' : '.' + String(nsec).padStart(9, '0').replace(/0+$/, '');
  return `${base}${frac}Z`;
}

function rangeDetails(e: TraceEvent): string {
  let name: string;
  let scope: string;
  switch (e.type) {
    case EV.STWBegin: case EV.STWEnd:
      name = `stop-the-world (${e.str(0)})`;
      scope = `Goroutine(${e.g})`;
      break;
    case EV.GCBegin: case EV.GCActive: case EV.GCEnd:
      name = 'GC concurrent mark phase';
      scope = 'None';
      break;
    case EV.GCSweepBegin: case EV.GCSweepActive: case EV.GCSweepEnd:
      name = 'GC incremental sweep';
      scope = `Proc(${e.type === EV.GCSweepActive ? e.args[0] : e.p})`;
      break;
    default:
      name = 'GC mark assist';
      scope = `Goroutine(${e.type === EV.GCMarkAssistActive ? e.args[0] : e.g})`;
  }
  let s = ` Name=${goQuote(name)} Scope=${scope}`;
  if (KIND[e.type] === 'RangeEnd') {
    const attrs = e.type === EV.GCSweepEnd ? `"bytes swept"=${value(e.args[0])} "bytes reclaimed"=${value(e.args[1])}` : '';
    s += ` Attributes=[${attrs}]`;
  }
  return s;
}

function transitionDetails(e: TraceEvent): string {
  const t = TRANSITION;
  readTransition(e, t);
  const names = t.resource === 'goroutine' ? GO_STATE_NAMES : PROC_STATE_NAMES;
  let s = t.resource === 'goroutine' ? ` GoID=${t.id}` : ` ProcID=${t.id}`;
  s += ` ${names[t.from] ?? 'Bad'}->${names[t.to] ?? 'Bad'} Reason=${goQuote(e.tables?.string(t.reason) ?? '')}`;
  if (t.stack !== 0) s += `\nTransitionStack=\n${frames(e.tables, t.stack)}`;
  return s;
}

function kindDetails(e: TraceEvent, kind: string): string {
  switch (kind) {
    case 'Metric': {
      const name = e.type === EV.ProcsChange ? '/sched/gomaxprocs:threads' : e.type === EV.HeapAlloc ? '/memory/classes/heap/objects:bytes' : '/gc/heap/goal:bytes';
      return ` Name=${goQuote(name)} Value=${value(e.args[0])}`;
    }
    case 'Label': return ` Label=${goQuote(e.str(0))} Resource=Goroutine(${e.g})`;
    case 'RangeBegin': case 'RangeActive': case 'RangeEnd': return rangeDetails(e);
    case 'TaskBegin': return ` ID=${taskId(e.args[0])} Parent=${taskId(e.args[1])} Type=${goQuote(e.str(2))}`;
    case 'TaskEnd': return ` ID=${taskId(e.args[0])} Parent=${taskId(e.args[2])} Type=""`;
    case 'RegionBegin': case 'RegionEnd': return ` Task=${taskId(e.args[0])} Type=${goQuote(e.str(1))}`;
    case 'Log': return ` Task=${taskId(e.args[0])} Category=${goQuote(e.str(1))} Message=${goQuote(e.str(2))}`;
    case 'StateTransition': return transitionDetails(e);
    case 'Sync': {
      const c = e.clock;
      return ` N=${e.args[0]}` + (c ? ` Trace=${c.trace} Mono=${c.mono} Wall=${rfc3339Nano(c.wallSec, c.wallNsec)}` : '');
    }
    default: return '';
  }
}

/** One event as `go tool trace -d=parsed` prints it, without the final newline. */
export function formatParsedEvent(e: TraceEvent): string {
  const kind = KIND[e.type] ?? (e.type >= 128 ? 'Experimental' : 'StateTransition');
  let s = `M=${e.m} P=${e.p} G=${e.g} ${kind} Time=${e.time}` + kindDetails(e, kind);
  const stack = e.stack;
  if (stack !== 0) s += `\nStack=\n${frames(e.tables, stack)}`;
  return s;
}

// ---------------------------------------------------------------------------
// Reading a trace file with gomem

/** Feeds a file to a TraceReader in chunks of `chunk` bytes (small chunks exercise the streaming). */
export function readTraceFile(file: string, handler: (e: TraceEvent) => void, chunk = 1 << 20): TraceReader {
  const r = new TraceReader(handler);
  const buf = fs.readFileSync(file);
  for (let i = 0; i < buf.length; i += chunk) r.push(buf.subarray(i, Math.min(buf.length, i + chunk)));
  r.end();
  return r;
}

/** gomem's events of a file, formatted like `go tool trace -d=parsed`. */
export function gomemParsedText(file: string, chunk?: number): string {
  const parts: string[] = [];
  readTraceFile(file, (e) => parts.push(formatParsedEvent(e) + '\n'), chunk);
  return parts.join('');
}

// ---------------------------------------------------------------------------
// Running go

function goEnv(toolchain = 'local'): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: toolchain, GOWORK: 'off', GOFLAGS: '', TZ: 'UTC' };
}

function run(cmd: string, args: string[], cwd: string, env = goEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 1 << 30, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** `go tool trace -d=parsed FILE` (TZ=UTC, so wall clocks print as gomem's printer does). */
export function goToolTraceParsed(file: string): Promise<string> {
  return run(goBinary(), ['tool', 'trace', '-d=parsed', path.resolve(file)], os.tmpdir());
}

// ---------------------------------------------------------------------------
// The trace fixtures

export type TraceFixture = 'gc' | 'block' | 'leak' | 'busy' | 'old';

const tempDirs: string[] = [];

/** A temp dir removed at exit (unless GOMEM_KEEP_TMP is set). */
export function traceTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (tempDirs.length === 0) {
    process.on('exit', () => {
      if (process.env.GOMEM_KEEP_TMP) return;
      for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
    });
  }
  tempDirs.push(dir);
  return dir;
}

const fixtureRuns = new Map<string, Promise<string>>();

/**
 * Builds program NAME of test/fixtures/trace-programs (or test/fixtures/trace-old)
 * with -trimpath (file names become import paths, the same on every machine)
 * and runs it; resolves with the trace
 * file. `toolchain` is a GOTOOLCHAIN value (default: the local go), e.g.
 * "go1.22.12" to record an older format. Memoised per fixture, toolchain,
 * arguments and `attempt` (a new attempt runs the program again).
 */
export function runTraceFixture(name: TraceFixture, opts: { toolchain?: string; args?: string[]; attempt?: number } = {}): Promise<string> {
  const toolchain = opts.toolchain ?? 'local';
  const args = opts.args ?? [];
  const key = `${name}\0${toolchain}\0${args.join(' ')}\0${opts.attempt ?? 0}`;
  let p = fixtureRuns.get(key);
  if (!p) {
    p = buildAndRun(name, toolchain, args);
    fixtureRuns.set(key, p);
    p.catch(() => fixtureRuns.delete(key));
  }
  return p;
}

async function buildAndRun(name: TraceFixture, toolchain: string, args: string[]): Promise<string> {
  const dir = traceTempDir(`gomem-trace-${name}-`);
  const bin = path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
  const [moduleDir, pkg] = name === 'old' ? [fixtureDir('trace-old'), '.'] : [fixtureDir('trace-programs'), `./${name}`];
  await run(goBinary(), ['build', '-trimpath', '-buildvcs=false', '-o', bin, pkg], moduleDir, goEnv(toolchain));
  const out = path.join(dir, `${name}.trace`);
  await run(bin, ['-out', out, ...args], dir);
  return out;
}

/** `go version` of a GOTOOLCHAIN value. */
export async function goVersionOf(toolchain = 'local'): Promise<string> {
  return (await run(goBinary(), ['version'], os.tmpdir(), goEnv(toolchain))).trim();
}

/** The committed traces and Go's facts about them (scripts/update-golden-traces.mjs writes both). */
export const GOLDEN_TRACES = ['gc-go1.26', 'block-go1.26', 'leak-go1.26', 'block-go1.25', 'leak-go1.25', 'block-go1.23', 'block-go1.22', 'leak-go1.22'] as const;

/** A real Go 1.21 (old format) trace from test/fixtures/trace-old. */
export const OLD_FORMAT_TRACE = 'old-go1.21';

export function goldenTracePath(name: string): string {
  return goldenPath(path.join('traces', `${name}.trace`));
}

export function goldenFactsPath(name: string): string {
  return goldenPath(path.join('traces', `${name}.facts.json`));
}

// ---------------------------------------------------------------------------
// Facts from `go tool trace -d=parsed`, computed from Go's text alone

export interface ParsedFacts {
  events: number;
  /** Time of the first and the last event (the Syncs that open and close the trace). */
  startNs: number;
  endNs: number;
  gcCount: number;
  /** Concurrent mark phases: absolute start, duration or null when unfinished. */
  gcs: Array<{ startNs: number; durationNs: number | null; startedBeforeTrace: boolean }>;
  stw: Array<{ kind: string; startNs: number; durationNs: number }>;
  heapAlloc: Array<[number, number]>;
  heapGoal: Array<[number, number]>;
  gomaxprocs: Array<[number, number]>;
  created: number;
  /** By `go` statement: "func file:line" of the creator stack's first frame. */
  createdBySite: Record<string, number>;
  aliveAtEnd: number;
  /** By full creator stack ("func file:line" joined by " < "), or "entry:FUNC" for goroutines older than the trace. */
  aliveByStack: Record<string, number>;
  blockedNsByReason: Record<string, number>;
  markAssistNs: number;
}

interface ParsedEvent {
  m: number;
  p: number;
  g: number;
  kind: string;
  time: number;
  rest: string;
  transitionStack: ParsedFrame[];
  stack: ParsedFrame[];
}

/** A frame as -d=parsed prints it: function, and "file:line". */
export interface ParsedFrame {
  func: string;
  where: string;
}

/** "func file:line", the key sites and stacks are compared by. */
export function frameKey(f: { func: string; where?: string; file?: string; line?: number }): string {
  return `${f.func} ${f.where ?? `${f.file}:${f.line}`}`;
}

const EVENT_LINE = /^M=(-?\d+) P=(-?\d+) G=(-?\d+) (\w+) Time=(\d+)(.*)$/;
const GO_STRING = '"(?:[^"\\\\]|\\\\.)*"';
const TRANSITION_LINE = new RegExp(`^ GoID=(\\d+) (\\w+)->(\\w+) Reason=(${GO_STRING})$`);
const RANGE = new RegExp(`^ Name=(${GO_STRING}) Scope=(\\S+)`);
const METRIC = new RegExp(`^ Name=(${GO_STRING}) Value=Value\\{Uint64\\((\\d+)\\)\\}$`);

/** Go's strconv.Unquote for the strings -d=parsed prints. */
export function goUnquote(q: string): string {
  const body = q.slice(1, -1);
  return body.replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|.)/g, (_, e: string) => {
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e.length === 1) return simple[e] ?? e;
    return String.fromCodePoint(parseInt(e.slice(1), 16));
  });
}

/** Splits -d=parsed text into events with their (transition) stacks as "func file:line" frames. */
export function* parsedEvents(text: string): Generator<ParsedEvent> {
  let ev: ParsedEvent | undefined;
  let target: ParsedFrame[] | undefined;
  let pendingFunc = '';
  for (const line of text.split('\n')) {
    const m = EVENT_LINE.exec(line);
    if (m) {
      if (ev) yield ev;
      ev = { m: +m[1], p: +m[2], g: +m[3], kind: m[4], time: +m[5], rest: m[6], transitionStack: [], stack: [] };
      target = undefined;
    } else if (line === 'TransitionStack=') target = ev!.transitionStack;
    else if (line === 'Stack=') target = ev!.stack;
    else if (line.startsWith('\t\t')) target!.push({ func: pendingFunc, where: line.slice(2) });
    else if (line.startsWith('\t')) pendingFunc = line.slice(1).replace(/ @ 0x[0-9a-f]+$/, '');
    else if (line !== '') throw new Error(`unexpected -d=parsed line ${JSON.stringify(line)}`);
  }
  if (ev) yield ev;
}

interface OracleG {
  state: string;
  since: number;
  reason: string;
  createdBy: string;
}

/**
 * The summary's quantities computed straight from Go's events: GC ranges,
 * STW ranges (paired per goroutine), metrics, goroutine creations by site,
 * goroutines alive at the end, and waiting time by reason with the rules
 * documented in goroutineTracker.ts (a goroutine first seen Undetermined has
 * been in its state since the preceding Sync; open waits end with the trace).
 */
export function parseParsedText(text: string): ParsedFacts {
  const f: ParsedFacts = {
    events: 0, startNs: -1, endNs: 0, gcCount: 0, gcs: [], stw: [], heapAlloc: [], heapGoal: [], gomaxprocs: [],
    created: 0, createdBySite: {}, aliveAtEnd: 0, aliveByStack: {}, blockedNsByReason: {}, markAssistNs: 0,
  };
  const gs = new Map<number, OracleG>();
  const openStw = new Map<string, { kind: string; start: number }>();
  const openAssist = new Map<string, number>();
  let gc: ParsedFacts['gcs'][number] | undefined;
  let syncTs = 0;
  const block = (reason: string, ns: number) => (f.blockedNsByReason[reason] = (f.blockedNsByReason[reason] ?? 0) + ns);
  const close = (g: OracleG, t: number) => {
    if (g.state === 'Waiting') block(g.reason, t - g.since);
    else if (g.state === 'Syscall') block(SYSCALL, t - g.since);
  };
  for (const e of parsedEvents(text)) {
    f.events++;
    if (f.startNs < 0) f.startNs = e.time;
    f.endNs = e.time;
    if (e.kind === 'Sync') syncTs = e.time;
    else if (e.kind === 'Metric') {
      const m = METRIC.exec(e.rest)!;
      const series = { '/memory/classes/heap/objects:bytes': f.heapAlloc, '/gc/heap/goal:bytes': f.heapGoal, '/sched/gomaxprocs:threads': f.gomaxprocs }[goUnquote(m[1])];
      series?.push([e.time, Number(m[2])]);
    } else if (e.kind.startsWith('Range')) {
      const m = RANGE.exec(e.rest)!;
      const name = goUnquote(m[1]);
      const scope = m[2];
      if (name === 'GC concurrent mark phase') {
        if (e.kind === 'RangeBegin') {
          f.gcCount++;
          f.gcs.push((gc = { startNs: e.time, durationNs: null, startedBeforeTrace: false }));
        } else if (e.kind === 'RangeActive' && !gc) f.gcs.push((gc = { startNs: syncTs, durationNs: null, startedBeforeTrace: true }));
        else if (e.kind === 'RangeEnd' && gc) {
          gc.durationNs = e.time - gc.startNs;
          gc = undefined;
        }
      } else if (name.startsWith('stop-the-world (')) {
        if (e.kind === 'RangeBegin') openStw.set(scope, { kind: name.slice('stop-the-world ('.length, -1), start: e.time });
        else if (e.kind === 'RangeEnd' && openStw.has(scope)) {
          const o = openStw.get(scope)!;
          openStw.delete(scope);
          f.stw.push({ kind: o.kind, startNs: o.start, durationNs: e.time - o.start });
        }
      } else if (name === 'GC mark assist') {
        if (e.kind === 'RangeBegin') openAssist.set(scope, e.time);
        else if (e.kind === 'RangeActive' && !openAssist.has(scope)) openAssist.set(scope, syncTs);
        else if (e.kind === 'RangeEnd' && openAssist.has(scope)) {
          f.markAssistNs += e.time - openAssist.get(scope)!;
          openAssist.delete(scope);
        }
      }
    } else if (e.kind === 'StateTransition') {
      const m = TRANSITION_LINE.exec(e.rest);
      if (!m) continue; // a proc
      const [id, from, to, reason] = [Number(m[1]), m[2], m[3], goUnquote(m[4])];
      if (from === to) continue;
      let g = gs.get(id);
      if (from === 'Undetermined') {
        const root = e.transitionStack.length ? e.transitionStack[e.transitionStack.length - 1].func : '';
        g = { state: to, since: syncTs, reason: WAITING_AT_START, createdBy: `entry:${root}` };
        gs.set(id, g);
      } else if (from === 'NotExist') {
        f.created++;
        const site = e.stack.length ? frameKey(e.stack[0]) : '';
        f.createdBySite[site] = (f.createdBySite[site] ?? 0) + 1;
        g = { state: to, since: e.time, reason: NO_REASON, createdBy: e.stack.map(frameKey).join(' < ') };
        gs.set(id, g);
      } else if (g) {
        close(g, e.time);
        if (to === 'NotExist') gs.delete(id);
        g.state = to;
        g.since = e.time;
        if (to === 'Waiting') g.reason = reason === '' ? NO_REASON : reason;
      }
    }
  }
  for (const start of openAssist.values()) f.markAssistNs += f.endNs - start;
  for (const g of gs.values()) {
    close(g, f.endNs);
    f.aliveByStack[g.createdBy] = (f.aliveByStack[g.createdBy] ?? 0) + 1;
  }
  f.aliveAtEnd = gs.size;
  return f;
}

// ---------------------------------------------------------------------------
// Writing synthetic traces (for inputs the runtime never writes)

/** Unsigned LEB128, as the runtime writes it; `pad` forces that many bytes (non-minimal). */
export function uvarint(v: number | bigint, pad = 0): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  } while (x > 0n || out.length < pad);
  out[out.length - 1] &= 0x7f;
  return out;
}

/** Builds a trace byte by byte: header, batches, end-of-generation markers. */
export class TraceWriter {
  private readonly bytes: number[] = [];

  constructor(version: number) {
    for (const c of `go 1.${version} trace\0\0\0`) this.bytes.push(c.charCodeAt(0));
  }

  /** An EventBatch: header varints (size padded to 10 bytes, as the runtime does) and data. */
  batch(gen: number, m: number, time: number, data: number[]): this {
    this.bytes.push(EV.EventBatch, ...uvarint(gen), ...uvarint(m), ...uvarint(time), ...uvarint(data.length, 10), ...data);
    return this;
  }

  raw(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  endOfGeneration(): this {
    return this.raw(EV.EndOfGeneration);
  }

  build(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** An event: type byte and varint arguments (dt first for timed events). */
export function ev(type: number, ...args: number[]): number[] {
  return [type, ...args.flatMap((a) => uvarint(a))];
}

/** A Go 1.25+ sync batch body: 1 tick = 64 ns, and a clock snapshot. */
export function syncBatch(): number[] {
  return [EV.Sync, ...ev(EV.Frequency, 15_625_000), ...ev(EV.ClockSnapshot, 0, 1000, 1_700_000_000, 5)];
}

export function stringsBatch(strings: Record<number, string>): number[] {
  const out: number[] = [EV.Strings];
  for (const [id, s] of Object.entries(strings)) out.push(EV.String, ...uvarint(Number(id)), ...uvarint(s.length), ...[...s].map((c) => c.charCodeAt(0)));
  return out;
}

/** One-frame stacks: id → [pc, func string id, file string id, line]. */
export function stacksBatch(stacks: Record<number, [number, number, number, number]>): number[] {
  const out: number[] = [EV.Stacks];
  for (const [id, frame] of Object.entries(stacks)) out.push(EV.Stack, ...uvarint(Number(id)), 1, ...frame.flatMap((v) => uvarint(v)));
  return out;
}

/**
 * A small, valid Go 1.26 trace of one generation: goroutine 1 runs on P 0,
 * creates goroutine 2, blocks on "chan receive"; 2 runs, unblocks 1, exits;
 * 1 runs again. `events` replaces the event batch of M 1 to make variants.
 */
export function tinyTrace(events?: number[][]): Uint8Array {
  const body = events ?? [
    ev(EV.ProcStatus, 0, 0, 1), // P0 running
    ev(EV.GoStatus, 1, 1, -1, 2), // G1 running
    ev(EV.GoCreate, 1, 2, 1, 1),
    ev(EV.GoBlock, 1, 1, 1), // reason "chan receive", stack 1
    ev(EV.GoStart, 1, 2, 1),
    ev(EV.GoUnblock, 1, 1, 1, 0),
    ev(EV.GoDestroy, 1),
    ev(EV.GoStart, 1, 1, 2),
    ev(EV.HeapAlloc, 1, 4096),
  ];
  return new TraceWriter(26)
    .batch(1, 0, 90, syncBatch())
    .batch(1, 0, 90, stringsBatch({ 1: 'chan receive', 2: 'main.f', 3: 'main.go' }))
    .batch(1, 0, 90, stacksBatch({ 1: [0x401000, 2, 3, 7] }))
    .batch(1, 1, 100, body.flat())
    .endOfGeneration()
    .build();
}

// ---------------------------------------------------------------------------
// Go's event table, read from the installed Go's source

export interface GoEventSpec {
  type: number;
  name: string;
  args: string[];
  timed: boolean;
  stackIds: number[];
  stringIds: number[];
  startEv: number;
  experimental: boolean;
}

/** `go env GOROOT`. */
export async function goRoot(): Promise<string> {
  return (await run(goBinary(), ['env', 'GOROOT'], os.tmpdir())).trim();
}

/**
 * The event specs of $GOROOT/src/internal/trace/tracev2/events.go: type
 * numbers from the two iota blocks, fields from the specs table.
 */
export function parseGoEventSpecs(source: string): GoEventSpec[] {
  const types = new Map<string, number>();
  for (const [, first, base, body] of source.matchAll(/\n\t(Ev\w+|MaxEvent) EventType = (iota|127 \+ iota)[^\n]*\n([\s\S]*?)\n\)/g)) {
    let n = base === 'iota' ? 0 : 127;
    types.set(first, n++);
    for (const [, name] of body.matchAll(/^\t(Ev\w+|NumEvents|MaxExperimentalEvent)\b/gm)) types.set(name, n++);
  }
  const specs: GoEventSpec[] = [];
  for (const [, name, body] of source.matchAll(/\n\t(Ev\w+): \{\n([\s\S]*?)\n\t\},/g)) {
    const list = (field: string) => /\{([^}]*)\}/.exec(new RegExp(`${field}:\\s*\\[\\](?:string|int)\\{[^}]*\\}`).exec(body)?.[0] ?? '{}')![1];
    const startEv = /StartEv:\s*(Ev\w+)/.exec(body)?.[1];
    specs.push({
      type: types.get(name)!,
      name: /Name:\s*"(\w+)"/.exec(body)![1],
      args: [...list('Args').matchAll(/"(\w+)"/g)].map((m) => m[1]),
      timed: /IsTimedEvent:\s*true/.test(body),
      stackIds: [...list('StackIDs').matchAll(/\d+/g)].map((m) => Number(m[0])),
      stringIds: [...list('StringIDs').matchAll(/\d+/g)].map((m) => Number(m[0])),
      startEv: startEv ? types.get(startEv)! : 0,
      experimental: /Experiment:\s*\w+/.test(body),
    });
  }
  return specs;
}

/** Last event type of each version in $GOROOT/src/internal/trace/version/version.go. */
export function parseGoVersionLimits(source: string, specs: GoEventSpec[]): Record<number, number> {
  const byName = new Map(specs.map((s) => [`Ev${s.name}`, s.type]));
  const out: Record<number, number> = {};
  for (const [, v, rest] of source.matchAll(/\tGo1(\d\d): +tracev2\.Specs\(\)(\[:tracev2\.(Ev\w+)\+1\])?/g)) {
    out[Number(v)] = rest ? byName.get(rest.slice(':tracev2.'.length + 1, -3))! : Math.max(...specs.filter((s) => s.type < 128).map((s) => s.type));
  }
  return out;
}

export function readGoSource(goroot: string, rel: string): string {
  return fs.readFileSync(path.join(goroot, 'src', rel), 'utf8');
}

// ---------------------------------------------------------------------------
// What the fixtures are known to do (their sources mark the places)

/** Lines of test/fixtures/trace-programs/NAME/FILE matching `re`, as "file:line" the way -trimpath names the file. */
export function fixtureLines(name: TraceFixture, file: string, re: RegExp): Array<{ where: string; match: RegExpMatchArray }> {
  const text = fs.readFileSync(path.join(fixtureDir('trace-programs'), name, file), 'utf8');
  const out: Array<{ where: string; match: RegExpMatchArray }> = [];
  text.split('\n').forEach((line, i) => {
    const m = line.match(re);
    if (m) out.push({ where: `example.com/gomem/fixtures/trace/${name}/${file}:${i + 1}`, match: m });
  });
  return out;
}

const at = (f: Frame | undefined) => (f ? `${f.file}:${f.line}` : '');

/**
 * block: every `// WAIT: reason` line waited about 30 ms under that
 * reason, and gomem shows that line as where the time went (its first user
 * frame is the WAIT line in one of the reason's top stacks). The raw-syscall
 * wait exists only in traces recorded on Linux.
 */
export function assertBlockBehaviour(s: TraceSummary, recordedOnLinux: boolean): void {
  const waits = fixtureLines('block', 'main.go', /\/\/ WAIT: (.+)$/);
  if (recordedOnLinux) waits.push(...fixtureLines('block', 'syscall_linux.go', /\/\/ WAIT: (.+)$/));
  assert.ok(waits.length >= 8, 'the fixture marks its waits');
  for (const { where, match } of waits) {
    const reason = match[1].trim();
    const r = s.blocked.find((b) => b.reason === reason);
    assert.ok(r, `no blocked time for "${reason}"; have ${Object.keys(s.blockedNsByReason).join(', ')}`);
    const here = r.topStacks.filter((t) => at(firstUserFrame(t.stack)) === where);
    const ns = here.reduce((sum, t) => sum + t.ns, 0);
    assert.ok(ns >= 25e6 && ns < 1e9, `"${reason}" at ${where}: ${ns} ns (expected about 30 ms)`);
  }
}

/** leak: 25 receivers and 10 `select {}` goroutines alive at the end, grouped at their `go` statements. */
export function assertLeakBehaviour(s: TraceSummary): void {
  const site = (re: RegExp) => fixtureLines('leak', 'main.go', re)[0].where;
  const expect: Array<[string, number, string, string]> = [
    [site(/go receive\(\)/), 25, 'main.receive', 'waiting: chan receive'],
    [site(/go func\(\) \{ select \{\} \}\(\)/), 10, 'main.leakForever.func1', 'waiting: forever'],
  ];
  for (const [where, count, entry, state] of expect) {
    const g = s.goroutines.aliveAtEndBySite.find((a) => at(a.stack[0]) === where);
    assert.ok(g, `no goroutines alive at the end from ${where}`);
    assert.deepEqual({ count: g.count, entry: g.entry, createdInTrace: g.createdInTrace, states: g.states }, { count, entry, createdInTrace: true, states: { [state]: count } });
  }
  const finished = s.goroutines.createdBySite.find((c) => at(c.stack[0]) === site(/go func\(\) \{ defer wg.Done\(\) \}\(\)/));
  assert.equal(finished?.count, 5);
  assert.ok(!s.goroutines.aliveAtEndBySite.some((a) => a.entry === 'main.finishWorkers.func1'), 'finished goroutines are not alive');
  assert.ok(s.generations >= 3, `${s.generations} generations`);
}

/** gc: the runtime ran several cycles, each with its sweep- and mark-termination pause, and the pause statistics add up. */
export function assertGcBehaviour(s: TraceSummary): void {
  assert.ok(s.gcCount >= 3, `${s.gcCount} GC cycles`);
  // A cycle already running when tracing began had its sweep termination before the trace: only whole cycles have both.
  s.gcs.forEach((gc, i) => {
    if (gc.durationNs === null || gc.startedBeforeTrace) return;
    assert.deepEqual(gc.stw.map((p) => p.kind), ['GC sweep termination', 'GC mark termination'], `GC ${i + 1} of ${s.gcs.length} (${JSON.stringify({ startNs: gc.startNs, durationNs: gc.durationNs })})`);
    assert.ok(gc.durationNs! > 0 && gc.stw.every((p) => p.durationNs > 0 && p.startNs >= gc.startNs));
  });
  const d = [...s.stwPauses.map((p) => p.durationNs)].sort((a, b) => a - b);
  const total = d.reduce((a, b) => a + b, 0);
  assert.deepEqual(s.pauses, {
    count: d.length,
    p50Ns: d[Math.ceil(d.length * 0.5) - 1],
    p90Ns: d[Math.ceil(d.length * 0.9) - 1],
    p99Ns: d[Math.ceil(d.length * 0.99) - 1],
    maxNs: d[d.length - 1],
    totalNs: total,
    share: total / s.durationNs,
  });
  assert.equal(s.gcPerSecond, s.gcCount / (s.durationNs / 1e9));
  assert.ok(s.heapAlloc.length > s.gcCount && s.heapGoal.length >= s.gcCount);
  assert.ok(s.markAssist.count > 0 && s.markAssist.totalNs > 0, 'allocating this fast makes the program assist');
}
