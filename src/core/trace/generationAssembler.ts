import type { Batch } from './batch';
import { ByteArena } from './byteArena';
import { TraceFormatError } from './errors';
import type { TraceVersion } from './events';
import { Generation } from './generation';

/**
 * Groups batches into generations and hands each one over once it is
 * complete, so only one generation is held at a time. Go 1.26 ends every
 * generation with an in-band EndOfGeneration byte; earlier versions have no
 * marker, so a generation ends when the first batch of the next one arrives
 * (internal/trace's "spilled" batch) or at the end of the file.
 */
export class GenerationAssembler {
  private current: Generation | undefined;
  private readonly arena = new ByteArena();

  constructor(
    private readonly version: TraceVersion,
    private readonly onGeneration: (g: Generation) => void,
  ) {}

  add(b: Batch): void {
    if (this.version >= 26) this.addInBand(b);
    else this.addSpilled(b);
  }

  /** End of input: a Go 1.26 generation must have been closed; an older one closes here. */
  end(): void {
    const g = this.current;
    if (!g) return;
    if (this.version >= 26) {
      throw new TraceFormatError(
        `generation ${g.gen} has no end-of-generation marker: the trace is truncated`,
        'end of file',
      );
    }
    this.complete();
  }

  private addInBand(b: Batch): void {
    const g = (this.current ??= new Generation(this.version, this.arena));
    if (g.gen === 0) g.gen = b.gen;
    if (b.endOfGeneration) {
      this.complete();
      return;
    }
    if (b.gen <= 0) throw new TraceFormatError(`invalid generation number ${b.gen}`, 'batch header', b.offset);
    if (b.gen !== g.gen) {
      throw new TraceFormatError(
        `batch of generation ${b.gen} inside generation ${g.gen}: missing end-of-generation marker, or generations are interleaved`,
        'batch header',
        b.offset,
      );
    }
    g.add(b);
  }

  private addSpilled(b: Batch): void {
    if (b.endOfGeneration) {
      throw new TraceFormatError(`end-of-generation marker in a Go 1.${this.version} trace (only Go 1.26+ writes one)`, 'batch header', b.offset);
    }
    if (b.gen <= 0) throw new TraceFormatError(`invalid generation number ${b.gen}`, 'batch header', b.offset);
    let g = this.current;
    if (g && b.gen === g.gen + 1) {
      this.complete();
      g = undefined;
    }
    if (!g) {
      g = this.current = new Generation(this.version, this.arena);
      g.gen = b.gen;
    } else if (b.gen !== g.gen) {
      throw new TraceFormatError(`batch of generation ${b.gen} after generation ${g.gen}: generations out of order`, 'batch header', b.offset);
    }
    g.add(b);
  }

  private complete(): void {
    const g = this.current!;
    this.current = undefined;
    g.finish();
    this.onGeneration(g);
    // Read and dropped: its batches' bytes can be reused by the next generation.
    this.arena.reset();
  }
}
