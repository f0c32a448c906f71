import { open } from 'node:fs/promises';
import { TraceFormatError } from '../core/trace/errors';
import { TraceReader } from '../core/trace/reader';
import type { TraceSummary } from '../core/trace/summary/model';
import { TraceSummarizer } from '../core/trace/summary/summarizer';

/** Chunk size for reading: memory stays at one generation plus this. */
const CHUNK = 1 << 20;

/**
 * Streams a trace file through the reader in one reused buffer and returns
 * its summary; every failure is a TraceFormatError naming the file. Shared by
 * the CLI and the language server.
 */
export async function summarizeTraceFile(file: string, topN: number): Promise<TraceSummary> {
  const summarizer = new TraceSummarizer();
  const reader = new TraceReader(summarizer.event);
  try {
    const fh = await open(file, 'r');
    try {
      const buf = new Uint8Array(CHUNK);
      for (let n; (n = (await fh.read(buf, 0, CHUNK, null)).bytesRead) > 0; ) reader.push(buf.subarray(0, n));
    } finally {
      await fh.close();
    }
    reader.end();
  } catch (err) {
    if (err instanceof TraceFormatError) throw new TraceFormatError(err.what, `${file}: ${err.where}`, err.offset);
    throw new TraceFormatError((err as Error).message.replace(/^[A-Z]+: /, ''), file);
  }
  return summarizer.finish(reader.version!, reader.stats.generations, { topN });
}
