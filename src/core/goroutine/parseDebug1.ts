import { GoroutineFormatError } from './errors';
import { snapshotOf, stackKey, type GoroutineFrame, type GoroutineGroup, type GoroutineSnapshot } from './model';
import { quoteLine, splitFileLine, TextLines } from './textLines';

/** `goroutine profile: total 58` (or `goroutineleak profile: …`): runtime/pprof printCountProfile. */
const HEADER = /^(goroutine|goroutineleak) profile: total (\d{1,15})$/;
/** `40 @ 0x48a12e 0x41a5ae …`: a group's count and its PCs. */
const GROUP = /^(\d{1,15}) @((?: 0x[0-9a-f]{1,16})*)$/;
const LABELS = '# labels: ';

export function isDebug1Text(head: string): boolean {
  return /^(goroutine|goroutineleak) profile: total \d/.test(head);
}

/**
 * Parses `/debug/pprof/goroutine?debug=1` (and `goroutineleak?debug=1`): a
 * header with the total, then groups — a count and PCs, optional labels,
 * `#` frame lines (tab-separated by Go's tabwriter: PC, `fn+0xoff`,
 * `file:line`), a blank line. The counts must add up to the total, which is
 * how a truncated file is caught.
 */
export function parseDebug1(text: string, where = 'goroutine profile'): GoroutineSnapshot {
  const lines = new TextLines(text, where);
  while (lines.peek()?.trim() === '') lines.take();
  const at = lines.lineNumber;
  const header = HEADER.exec(lines.take());
  if (!header) throw lines.fail('not a debug=1 goroutine profile: expected "goroutine profile: total N"', at);
  const total = Number(header[2]);
  const groups: GoroutineGroup[] = [];
  let counted = 0;
  while (!lines.done) {
    if (lines.peek() === '') {
      lines.take();
      continue;
    }
    const g = parseGroup(lines);
    counted += g.count;
    groups.push(g);
  }
  if (counted !== total) {
    throw new GoroutineFormatError(`the groups add up to ${counted} goroutines, the header says ${total}: the profile is truncated or edited`, where);
  }
  return snapshotOf('debug1', header[1], groups);
}

function parseGroup(lines: TextLines): GoroutineGroup {
  const at = lines.lineNumber;
  const line = lines.take();
  const m = GROUP.exec(line);
  if (!m) throw lines.fail(`expected "COUNT @ 0x…" but found ${quoteLine(line)}`, at);
  const pcs = m[2].trim();
  let labels: string | undefined;
  if (lines.peek()?.startsWith(LABELS)) labels = lines.take().slice(LABELS.length);
  const frames: GoroutineFrame[] = [];
  while (lines.peek()?.startsWith('#')) frames.push(parseFrame(lines));
  // Only runtime.goexit: the text prints no frame, so the PCs are what tells such groups apart.
  const stack = frames.length ? stackKey(frames) : `@ ${pcs}`;
  const entry = frames[frames.length - 1];
  return {
    key: labels ? `${stack}\nlabels ${labels}` : stack,
    count: Number(m[1]),
    frames,
    ...(entry ? { creation: { kind: 'entry' as const, frame: entry } } : {}),
    ...(labels ? { labels } : {}),
  };
}

/** `#\t0xPC\tfn+0xOFF\tfile:line`, or `#\t0xPC` alone for a PC without symbols. */
function parseFrame(lines: TextLines): GoroutineFrame {
  const at = lines.lineNumber;
  const line = lines.take();
  const cells = line.slice(1).split('\t').filter((c) => c !== '');
  const pc = cells[0];
  if (!pc || !/^0x[0-9a-f]{1,16}$/.test(pc)) throw lines.fail(`expected a frame "#\\t0xPC\\tfunction\\tfile:line" but found ${quoteLine(line)}`, at);
  if (cells.length === 1) return { function: pc, file: '', line: 0 };
  const fn = /^(.*)\+0x[0-9a-f]+$/.exec(cells[1]);
  const loc = splitFileLine(cells.slice(2).join('\t'));
  if (!fn || !loc) throw lines.fail(`expected a frame "#\\t0xPC\\tfunction+0xOFF\\tfile:line" but found ${quoteLine(line)}`, at);
  return { function: fn[1], file: loc.file, line: loc.line };
}
