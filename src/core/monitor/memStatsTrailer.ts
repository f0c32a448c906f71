import { MonitorError } from './errors';
import { memStatsFrom, PAUSE_RING, type MemStats } from './memStats';

const MARKER = '# runtime.MemStats';
const MAX_LINE = 64 * 1024;
/** The trailer has ~30 lines; a body that goes on with more is not kept past this. */
const MAX_TRAILER_LINES = 256;

/**
 * Keeps only the `# runtime.MemStats` trailer of a `heap?debug=1` answer
 * while it streams past: the profile before it (stacks, often megabytes with
 * a low MemProfileRate) is dropped line by line, so memory stays at one
 * partial line plus the trailer's ~30 lines.
 */
export class TrailerScanner {
  private partial = '';
  private inTrailer = false;
  private readonly lines: string[] = [];

  push(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.take(line);
    // No line of ours is this long (PauseEnd, the longest, is ~5 kB): a hostile body cannot grow the buffer.
    if (this.partial.length > MAX_LINE) this.partial = '';
  }

  /** The trailer's lines once the body has ended. */
  end(): string[] {
    if (this.partial) this.take(this.partial);
    this.partial = '';
    return this.lines;
  }

  private take(line: string): void {
    const l = line.replace(/\r$/, '');
    if (l === MARKER) this.inTrailer = true;
    else if (this.inTrailer && l.startsWith('# ') && this.lines.length < MAX_TRAILER_LINES) this.lines.push(l);
  }
}

/** MemStats from the trailer lines (`# Name = value`), as writeHeapInternal prints them. */
export function parseMemStatsTrailer(lines: readonly string[], source: string): MemStats {
  if (lines.length === 0) throw new MonitorError('no-memstats', `${source} has no "# runtime.MemStats" section: not a heap?debug=1 answer from a Go program`);
  const fields = new Map<string, string>();
  for (const line of lines) {
    const m = /^# (\w+) = (.*)$/.exec(line);
    if (m) fields.set(m[1], m[2]);
  }
  const num = (name: string) => wholeNumber(fields.get(name), name, source);
  return memStatsFrom(num, {
    lastGCMs: nsToMs(fields.get('LastGC'), source),
    gcCPUFraction: Number(fields.get('GCCPUFraction') ?? 0) || 0,
    pauseNs: pauseRing(fields.get('PauseNs'), source),
  });
}

function wholeNumber(text: string | undefined, name: string, source: string): number {
  if (text === undefined) throw new MonitorError('bad-memstats', `${source}: the runtime.MemStats section has no ${name}`);
  if (!/^\d+$/.test(text)) throw new MonitorError('bad-memstats', `${source}: ${name} is "${text.slice(0, 40)}", not a whole number`);
  return Number(text);
}

function nsToMs(text: string | undefined, source: string): number {
  if (text === undefined) return 0;
  if (!/^\d{1,20}$/.test(text)) throw new MonitorError('bad-memstats', `${source}: LastGC is "${text.slice(0, 40)}", not a whole number`);
  return Number(BigInt(text) / 1_000_000n);
}

/** `[332170 0 0 …]` (fmt's %d of a [256]uint64). */
function pauseRing(text: string | undefined, source: string): number[] {
  const m = /^\[([\d ]*)\]$/.exec(text ?? '');
  const values = m ? m[1].split(' ').filter(Boolean).map(Number) : [];
  if (values.length !== PAUSE_RING) throw new MonitorError('bad-memstats', `${source}: PauseNs should list ${PAUSE_RING} pauses, found ${m ? values.length : 'none'}`);
  return values;
}
