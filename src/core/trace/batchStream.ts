import { MAX_BATCH_SIZE, type Batch } from './batch';
import { TraceFormatError } from './errors';
import { EV } from './events';
import { HEADER_SIZE, readHeader } from './header';
import type { TraceVersion } from './events';
import { readUvarint, type ByteCursor } from './varint';

/** Longest batch header: type, experiment, then four varints of at most 10 bytes. */
const MAX_HEADER = 2 + 4 * 10;

/**
 * Cuts a byte stream, fed in chunks of any size, into batches (Go's
 * readBatch). It holds at most one incomplete batch between chunks, so memory
 * does not grow with the file. Batch data are views that are only valid
 * during the callback (into the chunk, or into a reused buffer when a batch
 * straddles two chunks): a consumer keeps a copy, and the caller may reuse
 * its chunk buffer once push() returns.
 */
export class BatchStream {
  private buf: Uint8Array = new Uint8Array(0);
  /** Where an incomplete batch and the next chunk are joined; reused. */
  private join: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** File offset of buf[0]. */
  private base = 0;
  private version: TraceVersion | undefined;

  constructor(private readonly onBatch: (b: Batch) => void) {}

  /** The header's version, once 16 bytes have arrived. */
  get traceVersion(): TraceVersion | undefined {
    return this.version;
  }

  push(chunk: Uint8Array): void {
    this.append(chunk);
    if (this.version === undefined && this.buf.length - this.pos >= HEADER_SIZE) {
      this.version = readHeader(this.buf.subarray(this.pos, this.pos + HEADER_SIZE));
      this.pos += HEADER_SIZE;
    }
    if (this.version !== undefined) while (this.next(false));
    this.keepRest();
  }

  /** No more input: whatever is left must be whole batches. */
  end(): void {
    if (this.version === undefined) {
      this.version = readHeader(this.buf.subarray(this.pos));
      this.pos += HEADER_SIZE;
    }
    while (this.next(true));
  }

  /** The caller may reuse its chunk after push(): an incomplete batch left in it moves to `join`. */
  private keepRest(): void {
    const rest = this.buf.length - this.pos;
    if (rest === 0 || this.buf.buffer === this.join.buffer) return;
    if (this.join.length < rest) this.join = new Uint8Array(Math.max(rest, 2 * this.join.length));
    this.join.set(this.buf.subarray(this.pos));
    this.base += this.pos;
    this.buf = this.join.subarray(0, rest);
    this.pos = 0;
  }

  private append(chunk: Uint8Array): void {
    if (this.pos >= this.buf.length) {
      this.base += this.buf.length;
      this.buf = chunk;
    } else {
      const rest = this.buf.length - this.pos;
      if (this.join.length < rest + chunk.length) {
        const bigger = new Uint8Array(Math.max(rest + chunk.length, 2 * this.join.length));
        bigger.set(this.buf.subarray(this.pos));
        this.join = bigger;
      } else {
        // The rest may already live in `join` (a batch longer than a chunk): move it to the front.
        this.join.set(this.buf.subarray(this.pos));
      }
      this.join.set(chunk, rest);
      this.base += this.pos;
      this.buf = this.join.subarray(0, rest + chunk.length);
    }
    this.pos = 0;
  }

  /** Reads one batch if it is all there; returns whether it did. */
  private next(atEof: boolean): boolean {
    const buf = this.buf;
    const start = this.pos;
    const avail = buf.length - start;
    if (avail === 0 || (!atEof && avail < MAX_HEADER)) return false;
    const type = buf[start];
    const at = this.base + start;
    if (type === EV.EndOfGeneration) {
      this.pos = start + 1;
      this.onBatch({ gen: 0, m: -1, time: 0, data: buf.subarray(start, start + 1), offset: at, exp: 0, endOfGeneration: true });
      return true;
    }
    if (type !== EV.EventBatch && type !== EV.ExperimentalBatch) {
      throw new TraceFormatError(`expected a batch (type 1 or 49), found event type ${type}`, 'batch header', at);
    }
    const c: ByteCursor = { pos: start + 1 };
    let exp = 0;
    if (type === EV.ExperimentalBatch) {
      if (c.pos >= buf.length) throw new TraceFormatError('truncated batch header', 'batch header', at);
      exp = buf[c.pos++];
    }
    const gen = readUvarint(buf, c, buf.length, this.base, 'batch generation');
    const m = readUvarint(buf, c, buf.length, this.base, 'batch M id');
    const time = readUvarint(buf, c, buf.length, this.base, 'batch timestamp');
    const size = readUvarint(buf, c, buf.length, this.base, 'batch size');
    if (size < 0 || size > MAX_BATCH_SIZE) {
      throw new TraceFormatError(`invalid batch size ${size}, the maximum is ${MAX_BATCH_SIZE}`, 'batch header', at);
    }
    const end = c.pos + size;
    if (end > buf.length) {
      if (!atEof) return false;
      throw new TraceFormatError(
        `truncated batch (generation ${gen}, M ${m}): ${buf.length - c.pos} of ${size} data bytes present`,
        'batch',
        at,
      );
    }
    this.pos = end;
    this.onBatch({ gen, m, time, data: buf.subarray(c.pos, end), offset: this.base + c.pos, exp, endOfGeneration: false });
    return true;
  }
}
