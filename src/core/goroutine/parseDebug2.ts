import { parseDebug2Header, type Debug2Header } from './debug2Header';
import { GoroutineFormatError } from './errors';
import { snapshotOf, stackKey, type CreationSite, type GoroutineFrame, type GoroutineGroup, type GoroutineSnapshot } from './model';
import { quoteLine, splitFileLine, TextLines } from './textLines';
import { waitBucket } from './waitBucket';

/** `\t/path/file.go:123 +0x1f` (`fp= sp= pc=` follow at GOTRACEBACK=system). */
const FILE_LINE = /^\t(.+?)(?: \+0x[0-9a-f]{1,16})?(?: fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x[0-9a-f]+)?$/;
const CREATED_BY = /^created by (.+?)(?: in goroutine \d{1,20})?$/;

/**
 * Parses `/debug/pprof/goroutine?debug=2`, the panic-style dump of every
 * goroutine (runtime.Stack(buf, true); runtime/traceback.go): a header, then
 * frame pairs `fn(args)` / `\tfile:line +0xoff`, maybe `...N frames
 * elided...`, maybe `created by fn in goroutine N` with its location. A
 * goroutine cut off in the middle (Go truncates dumps past 64 MB) is an
 * error naming the line, not a silently shorter group.
 */
export function parseDebug2(text: string, where = 'goroutine dump'): GoroutineSnapshot {
  const lines = new TextLines(text, where);
  const groups: GoroutineGroup[] = [];
  while (!lines.done) {
    if (lines.peek() === '') {
      lines.take();
      continue;
    }
    const at = lines.lineNumber;
    const line = lines.take();
    const header = parseDebug2Header(line);
    if (!header) throw lines.fail(`expected a goroutine header "goroutine N [state]:" but found ${quoteLine(line)}`, at);
    groups.push(parseGoroutine(lines, header));
  }
  if (!groups.length) throw new GoroutineFormatError('no goroutines: not a debug=2 goroutine dump', where);
  return snapshotOf('debug2', 'goroutine', groups);
}

function parseGoroutine(lines: TextLines, header: Debug2Header): GoroutineGroup {
  const frames: GoroutineFrame[] = [];
  let creation: CreationSite | undefined;
  for (let line = lines.peek(); line !== undefined && line !== ''; line = lines.peek()) {
    if (line.startsWith('created by ')) {
      creation = { kind: 'created-by', frame: parseCreatedBy(lines) };
    } else if (line.startsWith('[originating from goroutine ')) {
      skipToBlank(lines); // GODEBUG=tracebackancestors: the creators' stacks, not this goroutine's
    } else if (line.startsWith('...') || line.startsWith('\t') || line.startsWith('non-Go function at ')) {
      lines.take(); // elided frames, "stack unavailable" notes, cgo PCs
    } else {
      frames.push(parseFrame(lines));
    }
  }
  const wait = waitBucket(header.minutes);
  const parts = [stackKey(frames), `[${header.state}] ${wait}`];
  if (header.lockedToThread) parts.push('locked to thread');
  if (creation) parts.push(`created by ${stackKey([creation.frame])}`);
  return {
    key: parts.join('\n'),
    count: 1,
    frames,
    ...(creation ? { creation } : frames.length ? { creation: { kind: 'entry' as const, frame: frames[frames.length - 1] } } : {}),
    state: header.state,
    wait,
    ...(header.lockedToThread ? { lockedToThread: true } : {}),
  };
}

/** `pkg.fn(0x1, {0x2, 0x3})` then `\tfile:line +0x1f`. */
function parseFrame(lines: TextLines): GoroutineFrame {
  const at = lines.lineNumber;
  const call = lines.take();
  const fn = functionOfCall(call);
  if (!fn) throw lines.fail(`expected a frame "function(args)" but found ${quoteLine(call)}`, at);
  return { function: fn, ...location(lines) };
}

function parseCreatedBy(lines: TextLines): GoroutineFrame {
  const at = lines.lineNumber;
  const line = lines.take();
  const m = CREATED_BY.exec(line);
  if (!m) throw lines.fail(`expected "created by FUNCTION" but found ${quoteLine(line)}`, at);
  return { function: m[1], ...location(lines) };
}

function location(lines: TextLines): { file: string; line: number } {
  const at = lines.lineNumber;
  const line = lines.take();
  const loc = FILE_LINE.exec(line);
  const split = loc && splitFileLine(loc[1]);
  if (!split) throw lines.fail(`expected a location "\\tfile:line" but found ${quoteLine(line)}`, at);
  return split;
}

/** The function of `name(args)`: the name before the last top-level parenthesised group. */
function functionOfCall(call: string): string | undefined {
  if (!call.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = call.length - 1; i >= 0; i--) {
    const c = call[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) return i > 0 ? call.slice(0, i) : undefined;
  }
  return undefined;
}

function skipToBlank(lines: TextLines): void {
  while (!lines.done && lines.peek() !== '') lines.take();
}
