import { LineBuffer } from './lineBuffer';
import type { GcCycle } from './model';
import { parseGcTraceLine } from './parseLine';
import { worstPauseMs } from './summary';

/** Lines kept per stream: a day of one GC per second, about 20 MB of text. */
const MAX_KEPT = 100_000;

/**
 * gctrace lines collected from a running program's output as it arrives in
 * pieces, per output channel (stderr and stdout are buffered apart so one
 * cannot split the other's line). Keeps the gctrace lines themselves (for
 * a summary and a log to read) and the running count and worst pause.
 */
export class GcTraceStream {
  private readonly buffers = new Map<string, LineBuffer>();
  /** The gctrace lines, oldest first (capped; `cycles` still counts them all). */
  readonly lines: string[] = [];
  cycles = 0;
  forced = 0;
  worstMs = 0;
  worstCycle: number | undefined;
  last: GcCycle | undefined;

  /** Feeds a chunk of one channel's output; returns how many cycles it completed. */
  push(channel: string, chunk: string): number {
    let buf = this.buffers.get(channel);
    if (!buf) this.buffers.set(channel, (buf = new LineBuffer()));
    return this.take(buf.push(chunk));
  }

  /** The unterminated rest of every channel (the program ended). */
  flush(): number {
    let n = 0;
    for (const buf of this.buffers.values()) n += this.take(buf.flush());
    return n;
  }

  private take(lines: string[]): number {
    let n = 0;
    for (const text of lines) {
      const r = parseGcTraceLine(text, this.cycles);
      if (r.kind !== 'cycle') continue;
      n++;
      this.cycles++;
      if (r.cycle.forced) this.forced++;
      this.last = r.cycle;
      if (this.lines.length < MAX_KEPT) this.lines.push(text);
      const worst = worstPauseMs(r.cycle);
      if (this.worstCycle === undefined || worst > this.worstMs) [this.worstMs, this.worstCycle] = [worst, r.cycle.n];
    }
    return n;
  }
}
