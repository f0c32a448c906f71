import { fieldEnd } from './fieldEnd';
import { IdColumn } from './idColumn';
import { sampleError, STATUS } from './sampleErrors';
import wasm from './samples.wat';
import { newMemory, WasmRegions, type Region } from './wasmRegions';

/**
 * The Sample messages of one profile, read by samples.wat into columns in a
 * WebAssembly memory made here (walk.wat later walks them there, see
 * sampleWalk.ts). This side stages the input bytes, lays out the columns,
 * answers the module's stops (room, a wider id column, errors) and hands the
 * columns to the join as typed-array views of that memory, without a copy.
 */
export interface WireSamples {
  count: number;
  /** Values per sample, NaN before any sample, -1 when samples disagree (an error once types are known). */
  valuesPerSample: number;
  values: Float64Array;
  /** count + 1 entries: sample i's ids are locationIds[locationStart[i] .. locationStart[i + 1]). */
  locationStart: Uint32Array;
  locationIds: IdColumn;
  labelStart: Uint32Array;
  labelKey: Int32Array;
  labelStr: Int32Array;
  labelNum: Float64Array;
  labelNumUnit: Int32Array;
  /** Smallest and largest string index a label named, before the 32-bit columns wrapped them. */
  labelStringMin: number;
  labelStringMax: number;
  /** Values and label numbers of magnitude 2^53 or more (not exact as numbers). */
  inexact: number;
  /** The memory the columns are views of, and the scratch reserved after them (see sampleWalk.ts). */
  memory: WebAssembly.Memory;
  scratch: Region;
}

const SAMPLE_TAG = 0x12; // Profile.sample: field 2, length-delimited
/** Input bytes staged per call: zlib's chunks are this size. */
const STAGE = 1 << 20;
/** The id loop may read one byte past a field (never using it). */
const PAD = 16;
/** Column bounds from the input size stay under this (a wasm32 memory ends at 4 GiB); growth covers the rest. */
const BUDGET = 3 * 2 ** 30;

interface Exports {
  samples(pos: number, end: number): number;
  sample(pos: number, end: number): void;
  [global: string]: unknown;
}

let compiled: WebAssembly.Module | undefined;

/** Compiled once per process (a few kilobytes: Liftoff compiles it in about a millisecond). */
function wasmModule(): WebAssembly.Module {
  return (compiled ??= new WebAssembly.Module(wasm));
}

/** The regions of the columns; `sampCap`/`labCap` are shared by the regions named with them. */
interface Columns {
  stage: Region;
  ids: Region;
  vals: Region;
  locStart: Region;
  labStart: Region;
  labKey: Region;
  labStr: Region;
  labNum: Region;
  labUnit: Region;
}

interface Window {
  buf: Uint8Array;
  from: number;
  to: number;
  /** Copied for this call (not reused from an earlier one). */
  fresh: boolean;
}

export class SampleReader {
  private readonly x: Exports;
  private readonly memory = newMemory();
  private readonly mem = new WasmRegions(this.memory);
  private readonly cols: Columns;
  /** What the stage holds: buf[from..to). */
  private staged: Window | undefined;

  /** `inputBytes`: the message size (or an upper bound), to size columns once. */
  constructor(inputBytes: number) {
    this.x = new WebAssembly.Instance(wasmModule(), { env: { mem: this.memory } }).exports as unknown as Exports;
    this.cols = this.layout(inputBytes);
  }

  /**
   * Reads the Sample fields at buf[pos..end) while they come one after
   * another and whole; returns where it stopped: `end`, another field, or a
   * Sample cut by `end` or left to the general path (readTopLevelField then
   * calls readBody).
   */
  read(buf: Uint8Array, pos: number, end: number): number {
    while (pos < end && buf[pos] === SAMPLE_TAG) {
      let w = this.window(buf, pos, end, false);
      let stop = this.readWindow(w, pos);
      if (stop === pos && !w.fresh && w.to < end) {
        w = this.window(buf, pos, end, true); // the staged bytes end inside this sample
        stop = this.readWindow(w, pos);
      }
      if (stop > pos) {
        pos = stop;
        continue;
      }
      // Not one whole Sample from `pos`: larger than the stage, cut by `end`, or not for the fast path.
      const fe = w.to < end ? fieldEnd(buf, pos) : -1;
      if (fe < 0 || fe <= w.to) return pos;
      this.growStage(fe - pos);
    }
    return pos;
  }

  /**
   * The staged window holding buf[pos..]: the one already staged when it
   * holds `pos` of this same buffer (Go's writer puts each new location
   * between the samples, so early in a profile runs of samples are short,
   * and staging a fresh window per run copied the input 20 times over),
   * else a fresh copy of as much as the stage holds.
   */
  private window(buf: Uint8Array, pos: number, end: number, fresh: boolean): Window {
    const w = this.staged;
    if (!fresh && w && w.buf === buf && pos >= w.from && pos < w.to && w.to <= end) return { ...w, fresh: false };
    const n = Math.min(end - pos, this.cols.stage.bytes - PAD);
    new Uint8Array(this.memory.buffer, this.cols.stage.off, n).set(buf.subarray(pos, pos + n));
    this.staged = { buf, from: pos, to: pos + n, fresh: true };
    return this.staged;
  }

  /** Runs the module over the window from `pos`; returns the input offset where it stopped. */
  private readWindow(w: Window, pos: number): number {
    const shift = w.from - this.cols.stage.off; // stage offset → input offset
    const end = w.to - shift;
    return this.call(shift, () => this.x.samples(pos - shift, end), (from) => this.x.samples(from, end)) + shift;
  }

  /** One Sample's body, buf[pos..end), framed by the caller. */
  readBody(buf: Uint8Array, pos: number, end: number): void {
    if (end - pos > this.cols.stage.bytes - PAD) this.growStage(end - pos);
    const w = this.window(buf, pos, end, true);
    const shift = w.from - this.cols.stage.off;
    this.call(shift, () => this.x.sample(pos - shift, end - shift), () => this.x.sample(pos - shift, end - shift));
  }

  /**
   * The columns, as views of the module's memory, with `scratchBytes`
   * reserved after them: the memory must not grow after this, since growing
   * detaches every view.
   */
  finish(scratchBytes: number): WireSamples {
    const g = (name: string) => this.get(name);
    const scratch = this.mem.alloc(scratchBytes);
    const buf = this.memory.buffer;
    const c = this.cols;
    const count = g('count');
    const labels = g('labLen');
    const ids = g('idsLen');
    const perSample = g('perSample');
    return {
      count,
      valuesPerSample: perSample === -2 ? Number.NaN : perSample,
      values: new Float64Array(buf, c.vals.off, g('valsLen')),
      locationStart: new Uint32Array(buf, c.locStart.off, count + 1),
      locationIds: new IdColumn(g('wide') ? new Uint32Array(buf, c.ids.off, ids) : new Uint16Array(buf, c.ids.off, ids), g('hi')),
      labelStart: new Uint32Array(buf, c.labStart.off, count + 1),
      labelKey: new Int32Array(buf, c.labKey.off, labels),
      labelStr: new Int32Array(buf, c.labStr.off, labels),
      labelNum: new Float64Array(buf, c.labNum.off, labels),
      labelNumUnit: new Int32Array(buf, c.labUnit.off, labels),
      labelStringMin: Number((this.x.labMin as WebAssembly.Global).value as bigint),
      labelStringMax: Number((this.x.labMax as WebAssembly.Global).value as bigint),
      inexact: g('inexact'),
      memory: this.memory,
      scratch,
    };
  }

  /**
   * Columns sized once from the input size: ids at one per byte (the most
   * there can be), the rest at one per eight bytes (a sample takes far more).
   * Pages never written are never resident, so a generous bound costs
   * address space, not memory, where doubling would copy; past BUDGET the
   * bounds shrink and the columns grow when a sample needs it.
   */
  private layout(inputBytes: number): Columns {
    const perByte = 2 + 8 / 8 + (4 + 4 + 4 + 4 + 8 + 4) / 8; // ids u16, values f64, six per-sample columns
    const scale = Math.min(1, BUDGET / (inputBytes * perByte + 1));
    const ids = Math.max(1024, Math.floor(inputBytes * scale));
    const rows = Math.max(1024, Math.floor((inputBytes / 8) * scale));
    const m = this.mem;
    m.reserve(STAGE + PAD + rows * (4 * 5 + 8 * 2) + ids * 2 + 16 * 9); // one grow, not nine
    const cols: Columns = {
      stage: m.alloc(STAGE + PAD),
      locStart: m.alloc(rows * 4),
      labStart: m.alloc(rows * 4),
      labKey: m.alloc(rows * 4),
      labStr: m.alloc(rows * 4),
      labUnit: m.alloc(rows * 4),
      labNum: m.alloc(rows * 8),
      vals: m.alloc(rows * 8),
      ids: m.alloc(ids * 2), // last: the biggest column grows in place
    };
    this.setAll(cols);
    this.set('idsCap', ids);
    this.set('valsCap', rows);
    this.set('sampCap', rows);
    this.set('labCap', rows);
    return cols;
  }

  private growStage(n: number): void {
    this.cols.stage = this.mem.alloc(n + PAD); // the old stage holds nothing worth keeping
    this.staged = undefined;
  }

  /**
   * Runs a module call, answering its stops: ROOM and WIDEN are met and the
   * call resumes at the sample that stopped (`resume(from)`); errors become
   * ProfileFormatErrors at input offsets (`shift` maps stage offsets back).
   */
  private call<T>(shift: number, first: () => T, resume: (from: number) => T): T {
    let run = first;
    for (;;) {
      this.set('status', 0);
      try {
        return run();
      } catch (err) {
        if (!(err instanceof WebAssembly.RuntimeError)) throw err;
        const status = this.get('status');
        if (status === STATUS.ROOM) this.makeRoom(this.get('need'));
        else if (status === STATUS.WIDEN) this.widen();
        else if (status === 0) throw err; // a trap the module did not mean: a bug, not bad input
        else throw sampleError(status, this.get('errWhere'), this.get('errPos') + shift, this.get('errArg'), this.get('errLeft'));
        const from = this.get('committed');
        run = () => resume(from);
      }
    }
  }

  /** Room for a sample of `len` bytes in every column (the module's bounds: one id or value per byte, one label per two). */
  private makeRoom(len: number): void {
    const c = this.cols;
    const idBytes = this.get('wide') ? 4 : 2;
    const ids = this.fit(this.get('idsCap'), this.get('idsLen'), len);
    if (ids) {
      c.ids = this.mem.resize(c.ids, ids * idBytes, this.get('idsLen') * idBytes);
      this.set('idsCap', ids);
    }
    const vals = this.fit(this.get('valsCap'), this.get('valsLen'), len);
    if (vals) {
      c.vals = this.mem.resize(c.vals, vals * 8, this.get('valsLen') * 8);
      this.set('valsCap', vals);
    }
    const rows = this.fit(this.get('sampCap'), this.get('count'), 2);
    if (rows) {
      const used = (this.get('count') + 1) * 4;
      c.locStart = this.mem.resize(c.locStart, rows * 4, used);
      c.labStart = this.mem.resize(c.labStart, rows * 4, used);
      this.set('sampCap', rows);
    }
    const labs = this.fit(this.get('labCap'), this.get('labLen'), len >>> 1);
    if (labs) {
      const n = this.get('labLen');
      c.labKey = this.mem.resize(c.labKey, labs * 4, n * 4);
      c.labStr = this.mem.resize(c.labStr, labs * 4, n * 4);
      c.labUnit = this.mem.resize(c.labUnit, labs * 4, n * 4);
      c.labNum = this.mem.resize(c.labNum, labs * 8, n * 8);
      this.set('labCap', labs);
    }
    this.setAll(c);
  }

  /** A doubled capacity when `cap` lacks room for `more` after `used`, else 0. */
  private fit(cap: number, used: number, more: number): number {
    return cap - used >= more ? 0 : Math.max(cap * 2, used + more);
  }

  /** An id past 65535 arrived: the column becomes 32-bit, id 0 (stored as 0xffff) becoming 0xffffffff. */
  private widen(): void {
    const n = this.get('idsLen');
    const cap = this.get('idsCap');
    const next = this.mem.alloc(cap * 4);
    const buf = this.memory.buffer;
    const wide = new Uint32Array(buf, next.off, n);
    wide.set(new Uint16Array(buf, this.cols.ids.off, n));
    if (this.get('hi') === 0xffff) {
      for (let i = 0; i < n; i++) if (wide[i] === 0xffff) wide[i] = 0xffffffff;
      this.set('hi', 0xffffffff);
    }
    this.cols.ids = next;
    this.set('wide', 1);
    this.setAll(this.cols);
  }

  /** Tells the module where each column is. */
  private setAll(c: Columns): void {
    this.set('ids', c.ids.off);
    this.set('vals', c.vals.off);
    this.set('locStart', c.locStart.off);
    this.set('labStart', c.labStart.off);
    this.set('labKey', c.labKey.off);
    this.set('labStr', c.labStr.off);
    this.set('labNum', c.labNum.off);
    this.set('labUnit', c.labUnit.off);
  }

  /** An i32 global as unsigned (offsets may pass 2^31); perSample's -1 and -2 and the f64 errArg as they are. */
  private get(name: string): number {
    const v = (this.x[name] as WebAssembly.Global).value as number;
    return name === 'perSample' || name === 'errArg' ? v : v >>> 0;
  }

  private set(name: string, v: number): void {
    (this.x[name] as WebAssembly.Global).value = v | 0;
  }
}
