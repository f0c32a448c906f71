import { firstByte, type Batch } from './batch';
import { TraceFormatError } from './errors';
import { EV } from './events';
import { forEachStructural } from './structural';

/** Go's MaxFramesPerStack and MaxEventTrailerDataSize: larger means corruption. */
const MAX_FRAMES = 128;
const MAX_STRING = 1 << 10;

export interface Frame {
  pc: number;
  funcId: number;
  fileId: number;
  line: number;
}

export interface ResolvedFrame {
  pc: number;
  func: string;
  file: string;
  line: number;
}

const utf8 = new TextDecoder('utf-8');

/**
 * The string and stack tables of one generation. Ids are only meaningful
 * inside their generation. As in internal/trace, a stack is a list of PCs and
 * each PC's frame is kept once per generation (the first one seen wins).
 */
export class GenerationTables {
  readonly strings = new Map<number, string>();
  readonly stacks = new Map<number, number[]>();
  readonly frames = new Map<number, Frame>();

  hasString(id: number): boolean {
    return id === 0 || this.strings.has(id);
  }

  hasStack(id: number): boolean {
    return id === 0 || this.stacks.has(id);
  }

  /** The string for an id already validated; "" for id 0. */
  string(id: number): string {
    return id === 0 ? '' : this.strings.get(id) ?? '';
  }

  /** Frames of a stack, leaf first; [] for id 0. */
  resolveStack(id: number): ResolvedFrame[] {
    const pcs = id === 0 ? undefined : this.stacks.get(id);
    if (!pcs) return [];
    return pcs.map((pc) => {
      const f = this.frames.get(pc)!;
      return { pc, func: this.string(f.funcId), file: this.string(f.fileId), line: f.line };
    });
  }

  /** A Strings batch: String events of id, length, bytes. */
  addStrings(b: Batch): void {
    const d = b.data;
    forEachStructural(b, EV.String, 'string table', (arg, c, at) => {
      const id = arg('string id');
      const len = arg('string length');
      if (len < 0 || len > MAX_STRING) throw new TraceFormatError(`invalid string size ${len}, the maximum is ${MAX_STRING}`, 'string table', at);
      if (c.pos + len > d.length) throw new TraceFormatError(`string ${id} runs past the end of its batch`, 'string table', at);
      if (this.hasString(id)) throw new TraceFormatError(`two strings with id ${id}`, 'string table', at);
      this.strings.set(id, utf8.decode(d.subarray(c.pos, c.pos + len)));
      c.pos += len;
    });
  }

  /** A Stacks batch: Stack events of id, frame count, then pc, func, file, line per frame. */
  addStacks(b: Batch): void {
    forEachStructural(b, EV.Stack, 'stack table', (arg, _c, at) => {
      const id = arg('stack id');
      const n = arg('stack frame count');
      if (n < 0 || n > MAX_FRAMES) throw new TraceFormatError(`invalid stack size ${n}, the maximum is ${MAX_FRAMES}`, 'stack table', at);
      const pcs: number[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const pc = arg('frame pc');
        const funcId = arg('frame function');
        const fileId = arg('frame file');
        const line = arg('frame line');
        pcs[i] = pc;
        if (!this.frames.has(pc)) this.frames.set(pc, { pc, funcId, fileId, line });
      }
      if (this.hasStack(id)) throw new TraceFormatError(`two stacks with id ${id}`, 'stack table', at);
      this.stacks.set(id, pcs);
    });
  }

  /** Every frame's strings must exist (Go's validateStackStrings), checked once the generation is read. */
  validate(gen: number): void {
    for (const [id, pcs] of this.stacks) {
      for (const pc of pcs) {
        const f = this.frames.get(pc)!;
        if (!this.hasString(f.funcId)) throw new TraceFormatError(`stack ${id} names function string ${f.funcId}, which does not exist`, `generation ${gen}`);
        if (!this.hasString(f.fileId)) throw new TraceFormatError(`stack ${id} names file string ${f.fileId}, which does not exist`, `generation ${gen}`);
      }
    }
  }
}

export function isStringsBatch(b: Batch): boolean {
  return b.exp === 0 && firstByte(b) === EV.Strings;
}

export function isStacksBatch(b: Batch): boolean {
  return b.exp === 0 && firstByte(b) === EV.Stacks;
}
