import { firstByte, type Batch } from './batch';
import type { ByteArena } from './byteArena';
import { nsPerTick, ticksToNs } from './clock';
import { TraceFormatError } from './errors';
import { EV, type TraceVersion } from './events';
import { sortFunc } from './sortFunc';
import { forEachStructural } from './structural';
import { GenerationTables, isStacksBatch, isStringsBatch } from './tables';
import { readUvarint, type ByteCursor } from './varint';

/** A near-simultaneous reading of the trace, monotonic and wall clocks (Go 1.25+). */
export interface ClockSnapshot {
  /** Trace clock, ns. */
  trace: number;
  mono: number;
  wallSec: number;
  wallNsec: number;
}

export interface CpuSample {
  /** ns once the generation is complete (ticks before). */
  time: number;
  m: number;
  p: number;
  g: number;
  stack: number;
}

/**
 * Everything of one generation (internal/trace's generation): its event
 * batches grouped by M in file order, its tables, clock and CPU samples.
 * Structural batches are decoded as they arrive; event batches wait until
 * the generation is complete.
 */
export class Generation {
  gen = 0;
  readonly batches = new Map<number, Batch[]>();
  /** Ms in order of their first batch: the order the frontier is built in. */
  readonly batchMs: number[] = [];
  readonly tables = new GenerationTables();
  cpuSamples: CpuSample[] = [];
  /** Smallest batch timestamp, in ticks. */
  minTs = 0;
  /** ns per tick; 0 until the Frequency event. */
  freq = 0;
  hasClockSnapshot = false;
  clock: ClockSnapshot | undefined;
  private clockTicks = 0;
  /** Bytes of batch data held, for the memory bound. */
  bytes = 0;

  /** `arena` keeps the event batches until the generation has been read. */
  constructor(
    readonly version: TraceVersion,
    private readonly arena: ByteArena,
  ) {}

  add(b: Batch): void {
    if (this.minTs === 0 || b.time < this.minTs) this.minTs = b.time;
    this.bytes += b.data.length;
    if (isStringsBatch(b)) this.tables.addStrings(b);
    else if (isStacksBatch(b)) this.tables.addStacks(b);
    else if (b.exp === 0 && firstByte(b) === EV.CPUSamples) this.addCpuSamples(b);
    else if (this.isSyncBatch(b)) this.addSync(b);
    else if (b.exp !== 0) {
      // Experimental data (e.g. GOEXPERIMENT=allocfree heap events): not needed, skipped.
    } else this.addEventBatch(b);
  }

  private addEventBatch(view: Batch): void {
    const b = { ...view, data: this.arena.copy(view.data) };
    let list = this.batches.get(b.m);
    if (!list) {
      list = [];
      this.batches.set(b.m, list);
      this.batchMs.push(b.m);
    }
    list.push(b);
  }

  private isSyncBatch(b: Batch): boolean {
    if (b.exp !== 0 || b.data.length === 0) return false;
    return this.version < 25 ? b.data[0] === EV.Frequency : b.data[0] === EV.Sync;
  }

  /** Frequency (and from 1.25 ClockSnapshot) events; before 1.25 the batch is a lone Frequency. */
  private addSync(b: Batch): void {
    const d = b.data;
    const c: ByteCursor = { pos: this.version >= 25 ? 1 : 0 };
    while (c.pos < d.length) {
      const at = b.offset + c.pos;
      const ev = d[c.pos++];
      if (ev === EV.Frequency) {
        if (this.freq !== 0) throw new TraceFormatError('two Frequency events in one generation', 'sync batch', at);
        const f = readUvarint(d, c, d.length, b.offset, 'frequency');
        if (f <= 0) throw new TraceFormatError(`invalid frequency ${f} ticks per second`, 'sync batch', at);
        this.freq = nsPerTick(f);
      } else if (ev === EV.ClockSnapshot && this.version >= 25) {
        if (this.hasClockSnapshot) throw new TraceFormatError('two ClockSnapshot events in one generation', 'sync batch', at);
        this.hasClockSnapshot = true;
        this.clockTicks = b.time + readUvarint(d, c, d.length, b.offset, 'clock snapshot dt');
        const mono = readUvarint(d, c, d.length, b.offset, 'mono clock');
        const wallSec = readUvarint(d, c, d.length, b.offset, 'wall seconds');
        const wallNsec = readUvarint(d, c, d.length, b.offset, 'wall nanoseconds');
        this.clock = { trace: 0, mono, wallSec, wallNsec };
      } else {
        throw new TraceFormatError(`expected a Frequency or ClockSnapshot event, found event type ${ev}`, 'sync batch', at);
      }
    }
  }

  private addCpuSamples(b: Batch): void {
    forEachStructural(b, EV.CPUSample, 'CPU samples', (arg) => {
      const time = arg('CPU sample time');
      const m = arg('CPU sample M');
      const p = arg('CPU sample P');
      const g = arg('CPU sample G');
      const stack = arg('CPU sample stack');
      this.cpuSamples.push({ time, m, p, g: g === 0 ? -1 : g, stack });
    });
  }

  /** Checks what every generation must have and converts CPU sample times (Go's readGeneration tail). */
  finish(): void {
    if (this.freq === 0) throw new TraceFormatError('no Frequency event found', `generation ${this.gen}`);
    if (this.version >= 25 && !this.hasClockSnapshot) throw new TraceFormatError('no ClockSnapshot event found', `generation ${this.gen}`);
    this.tables.validate(this.gen);
    if (this.clock) this.clock.trace = ticksToNs(this.clockTicks, this.freq);
    for (const s of this.cpuSamples) s.time = ticksToNs(s.time, this.freq);
    sortFunc(this.cpuSamples, (a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  }
}
