import { open } from 'node:fs/promises';
import { GcTraceError } from '../core/gctrace/errors';
import type { GcTraceLog } from '../core/gctrace/model';
import { parseGcTrace } from '../core/gctrace/parseLog';

/** A gctrace line is ~200 bytes: 64 MiB holds hundreds of thousands of cycles. */
export const MAX_GCTRACE_BYTES = 64 << 20;

/**
 * Reads a log holding gctrace lines (a program's stderr, a CI log). Every
 * failure is a GcTraceError naming the file; lines that do not parse are
 * counted in the result, not thrown.
 */
export async function readGcTraceFile(file: string, maxBytes = MAX_GCTRACE_BYTES): Promise<{ text: string; log: GcTraceLog }> {
  const text = await readText(file, maxBytes);
  // A NUL in a text log means this is something else (a profile, a binary).
  if (text.slice(0, 8192).includes('\0')) throw new GcTraceError('a binary file, not a text log', file);
  return { text, log: parseGcTrace(text) };
}

async function readText(file: string, maxBytes: number): Promise<string> {
  try {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      if (size > maxBytes) throw new GcTraceError(`${size} bytes is more than the ${maxBytes}-byte limit for a log`, file);
      return (await fh.readFile()).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof GcTraceError) throw err;
    // "ENOENT: no such file or directory, open 'x'" → "no such file or directory"
    throw new GcTraceError((err as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, ''), file);
  }
}
