import { ProfileFormatError } from './errors';

/**
 * Regions of a WebAssembly memory, allocated upwards and never freed: the
 * Sample reader's input stage and columns. Memory only grows at its end, so
 * a region that must grow is extended in place when it is the last one and
 * moved to the end otherwise (its old bytes stay, unused: growth is rare
 * because columns start at a bound computed from the profile's size).
 *
 * A wasm32 memory holds at most 4 GiB; past that a profile is refused with
 * a ProfileFormatError rather than a RangeError.
 */
export interface Region {
  /** Byte offset in the memory. */
  off: number;
  /** Size in bytes. */
  bytes: number;
}

const PAGE = 65536;

/** A memory for the decoder's modules: starts at a page, may grow to the 4 GiB a wasm32 memory can hold. */
export function newMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 1, maximum: 65536 });
}
const ALIGN = 16;

export class WasmRegions {
  private top: number;
  private readonly limit: number;

  /**
   * Allocates from offset 16 (no region at address 0) up, growing the
   * memory; or, given `within`, inside that region only, never growing.
   */
  constructor(
    readonly memory: WebAssembly.Memory,
    within?: Region,
  ) {
    this.top = within ? within.off : ALIGN;
    this.limit = within ? within.off + within.bytes : Infinity;
  }

  /** Grows the memory once for allocations of `bytes` in all (each grow costs milliseconds). */
  reserve(bytes: number): void {
    this.ensure(this.top + bytes);
  }

  alloc(bytes: number): Region {
    const off = align(this.top);
    this.ensure(off + bytes);
    this.top = off + bytes;
    return { off, bytes };
  }

  /**
   * `r` with room for `bytes`, keeping its first `used` bytes: the same
   * region extended when it ends the memory, else a new one at the end.
   */
  resize(r: Region, bytes: number, used: number): Region {
    if (r.off + r.bytes === this.top) {
      this.ensure(r.off + bytes);
      this.top = r.off + bytes;
      return { off: r.off, bytes };
    }
    const next = this.alloc(bytes);
    new Uint8Array(this.memory.buffer).copyWithin(next.off, r.off, r.off + used);
    return next;
  }

  /** Grows the memory to hold `end` bytes. New pages are zero and, until written, not resident. */
  private ensure(end: number): void {
    if (end > this.limit) throw new Error(`wasm region overflow: ${end} > ${this.limit}`); // a sizing bug, not bad input
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    try {
      this.memory.grow(Math.ceil((end - have) / PAGE));
    } catch {
      throw new ProfileFormatError(`profile too large: its sample columns need ${end} bytes, more than 4 GiB`, 'sample');
    }
  }
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
