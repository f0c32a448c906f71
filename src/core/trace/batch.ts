/**
 * A batch as the runtime writes it: one M's events (or a structural table)
 * for one generation. Kept unparsed until its generation is complete, as
 * internal/trace does, because ordering needs all of a generation's batches.
 */
export interface Batch {
  gen: number;
  /** Thread (M) id; -1 for the in-band end-of-generation marker. */
  m: number;
  /** Base timestamp in ticks; the first event's dt is relative to it. */
  time: number;
  data: Uint8Array;
  /** File offset of data[0], for error messages. */
  offset: number;
  /** Experiment id of an experimental batch, 0 otherwise. */
  exp: number;
  /** The Go 1.26 EndOfGeneration byte (no header, no data). */
  endOfGeneration: boolean;
}

/** Go's MaxBatchSize: the runtime never writes more; more means corruption. */
export const MAX_BATCH_SIZE = 64 << 10;

/** First data byte of a batch, or -1 for an empty one. */
export function firstByte(b: Batch): number {
  return b.data.length > 0 ? b.data[0] : -1;
}
