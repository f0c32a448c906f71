import type { Batch } from './batch';
import { BatchCursor } from './batchCursor';
import { BatchStream } from './batchStream';
import { ticksToNs } from './clock';
import { TraceFormatError } from './errors';
import { EV, EV_SYNC, SPECS, eventName, timedArgCounts, type TraceVersion } from './events';
import { compareCursors, heapInsert, heapRemove, heapUpdate, type Frontier } from './frontier';
import type { ClockSnapshot, CpuSample, Generation } from './generation';
import { GenerationAssembler } from './generationAssembler';
import { Ordering } from './ordering';
import type { RawEvent } from './rawEvent';
import { sortFunc } from './sortFunc';
import type { GenerationTables } from './tables';
import { TraceEvent } from './traceEvent';

export type TraceEventHandler = (e: TraceEvent) => void;

/**
 * Streaming reader of Go 1.22–1.26 execution traces (internal/trace's
 * Reader): feed it the file in chunks with push(), then end(); it calls the
 * handler with every event in Go's order. Memory is bounded by one
 * generation (about a second of tracing) plus one chunk: a generation is
 * decoded, ordered and delivered as soon as it is complete, then dropped.
 *
 * Events arrive exactly as `go tool trace -d=parsed` lists them: a Sync at
 * each generation start and one at the end, cross-thread order from the
 * scheduler's sequence numbers, and times forced strictly increasing (an
 * event at or before its predecessor moves to 1 ns after it).
 */
export class TraceReader {
  private readonly stream: BatchStream;
  private assembler: GenerationAssembler | undefined;
  private ordering: Ordering | undefined;
  private argCounts: Int8Array | undefined;
  private readonly out = new TraceEvent();
  private lastTs = 0;
  private generations = 0;
  private largestGeneration = 0;
  private tables: GenerationTables | undefined;
  private gen = 0;
  private syncs = 0;

  constructor(private readonly handler: TraceEventHandler) {
    this.stream = new BatchStream((b) => this.onBatch(b));
  }

  /** Header version (22, 23, 25, 26) once known. */
  get version(): TraceVersion | undefined {
    return this.stream.traceVersion;
  }

  /** Generations read so far and the most batch bytes one of them held. */
  get stats(): { generations: number; largestGenerationBytes: number } {
    return { generations: this.generations, largestGenerationBytes: this.largestGeneration };
  }

  push(chunk: Uint8Array): void {
    this.stream.push(chunk);
  }

  end(): void {
    this.stream.end();
    this.assembler?.end();
    if (this.generations === 0) throw new TraceFormatError('the trace holds no generation (only a header?)', 'end of file');
    this.tables = undefined;
    this.gen = 0;
    this.emitSync(this.lastTs, undefined);
  }

  private onBatch(b: Batch): void {
    if (!this.assembler) {
      const v = this.stream.traceVersion!;
      this.argCounts = timedArgCounts(v);
      this.ordering = new Ordering(v, (ev, g, p, m) => this.emit(ev, g, p, m));
      this.assembler = new GenerationAssembler(v, (g) => this.readGeneration(g));
    }
    this.assembler.add(b);
  }

  private readGeneration(gen: Generation): void {
    this.generations++;
    this.largestGeneration = Math.max(this.largestGeneration, gen.bytes);
    this.tables = gen.tables;
    this.gen = gen.gen;
    this.emitSync(ticksToNs(gen.minTs, gen.freq), gen.clock);
    const frontier: Frontier = [];
    for (const m of gen.batchMs) {
      const bc = new BatchCursor(m, gen.batches.get(m)!, gen.freq, this.argCounts!, gen.version);
      if (bc.next()) heapInsert(frontier, bc);
    }
    const cpu = gen.cpuSamples;
    let ci = 0;
    for (;;) {
      if (ci < cpu.length && (frontier.length === 0 || cpu[ci].time < frontier[0].ev.time)) {
        this.emitCpuSample(cpu[ci++]);
        continue;
      }
      if (frontier.length === 0) break;
      if (!this.tryAdvance(frontier, 0, gen) && !this.tryOthers(frontier, gen)) {
        throw new TraceFormatError(`no thread's next event can happen next; frontier: ${dumpFrontier(frontier)}`, `generation ${gen.gen}`);
      }
    }
  }

  /** The rare path: the earliest event cannot happen yet; try the rest in time order. */
  private tryOthers(frontier: Frontier, gen: Generation): boolean {
    sortFunc(frontier, compareCursors);
    for (let i = 1; i < frontier.length; i++) if (this.tryAdvance(frontier, i, gen)) return true;
    return false;
  }

  private tryAdvance(frontier: Frontier, i: number, gen: Generation): boolean {
    const bc = frontier[i];
    if (!this.ordering!.advance(bc.ev, gen.tables, bc.m, gen.gen)) return false;
    if (bc.next()) heapUpdate(frontier, i);
    else heapRemove(frontier, i);
    return true;
  }

  private emit(ev: RawEvent, g: number, p: number, m: number): void {
    const out = this.out;
    out.type = ev.type;
    out.g = g;
    out.p = p;
    out.m = m;
    const a = ev.args;
    out.args[0] = a[0];
    out.args[1] = a[1];
    out.args[2] = a[2];
    out.args[3] = a[3];
    this.validateIds(out);
    this.deliver(ev.time);
  }

  private emitCpuSample(s: CpuSample): void {
    const out = this.out;
    out.type = EV.CPUSample;
    out.g = s.g;
    out.p = s.p;
    out.m = s.m;
    out.args[0] = s.stack;
    out.args[1] = out.args[2] = out.args[3] = 0;
    if (!this.tables!.hasStack(s.stack)) throw new TraceFormatError(`CPU sample names stack ${s.stack}, which does not exist`, `generation ${this.gen}`);
    this.deliver(s.time);
  }

  private emitSync(time: number, clock: ClockSnapshot | undefined): void {
    const out = this.out;
    out.type = EV_SYNC;
    out.g = out.p = out.m = -1;
    out.args[0] = ++this.syncs;
    out.args[1] = out.args[2] = out.args[3] = 0;
    out.clock = clock;
    this.deliver(time);
    out.clock = undefined;
  }

  /** Times strictly increase across the whole trace, as Go's ReadEvent makes them. */
  private deliver(time: number): void {
    if (time <= this.lastTs) time = this.lastTs + 1;
    this.lastTs = time;
    const out = this.out;
    out.time = time;
    out.tables = this.tables;
    out.gen = this.gen;
    this.handler(out);
  }

  /** Every stack and string id an event names must exist in its generation (Go's validateTableIDs). */
  private validateIds(e: TraceEvent): void {
    const t = this.tables!;
    const ids = ID_ARGS[e.type];
    for (let k = 0; k < ids.length; k += 2) {
      const id = e.args[ids[k + 1]];
      if (id === 0) continue;
      if (ids[k] === STACK ? !t.stacks.has(id) : !t.strings.has(id)) {
        throw new TraceFormatError(`${SPECS[e.type]!.name} names ${ids[k] === STACK ? 'stack' : 'string'} ${id}, which does not exist`, `generation ${this.gen}`);
      }
    }
  }
}

const STACK = 0;
const STRING = 1;
/** Per event type: (STACK|STRING, argument index) pairs to validate, flattened. */
const ID_ARGS: number[][] = Array.from({ length: 256 }, (_, type) => {
  const spec = SPECS[type];
  return spec ? [...spec.stackArgs.flatMap((i) => [STACK, i]), ...spec.stringArgs.flatMap((i) => [STRING, i])] : [];
});

function dumpFrontier(frontier: Frontier): string {
  return frontier.map((bc) => `M ${bc.m} ${eventName(bc.ev.type)} at ${bc.ev.time} ns [${bc.ev.args.join(' ')}]`).join('; ');
}
