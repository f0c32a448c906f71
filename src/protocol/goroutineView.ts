import type { GoroutineComparison } from '../core/goroutine/compare';
import { messageRecord, sourcePlace } from './pageMessage';

/**
 * The goroutine growth panel's data and messages. The comparison is computed
 * in the language server from two or more goroutine profiles (any form);
 * `localFiles` maps each frame's file as the profile names it to the file on
 * this machine, when one was found.
 */
export interface GoroutineCompareParams {
  /** Oldest first. */
  paths: string[];
}

export interface GoroutineCompareResult {
  comparison: GoroutineComparison;
  localFiles: Record<string, string | null>;
}

/** `paths`: the files compared, which the page keeps in its state so VS Code can restore the panel after a reload. */
export type HostToGoroutines =
  | { type: 'init'; title: string; comparison: GoroutineComparison; localFiles: Record<string, string | null>; paths: string[] }
  | { type: 'error'; message: string; paths: string[] };

/** The panel may ask for one thing: open a location the comparison holds (the host checks it). */
export type GoroutinesToHost = { type: 'ready' } | { type: 'openLocation'; file: string; line: number };

export function parseGoroutinesMessage(m: unknown): GoroutinesToHost | undefined {
  const o = messageRecord(m);
  if (o?.type === 'ready') return { type: 'ready' };
  const place = o?.type === 'openLocation' ? sourcePlace(o) : undefined;
  return place && { type: 'openLocation', ...place };
}
