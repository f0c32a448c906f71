import type { TraceSummary } from '../core/trace/summary/model';
import { messageRecord, sourcePlace } from './pageMessage';

/**
 * The trace summary panel's data and messages. The summary is plain JSON
 * (computed in the language server); `localFiles` maps each frame's file as
 * the trace names it to the file on this machine, when one was found.
 */
export interface TraceSummaryParams {
  path: string;
  /** Rows per ranked list (sites, stacks). Default 20. */
  topN?: number;
}

export interface TraceSummaryResult {
  summary: TraceSummary;
  localFiles: Record<string, string | null>;
}

export type HostToTrace =
  | { type: 'init'; name: string; summary: TraceSummary; localFiles: Record<string, string | null> }
  | { type: 'error'; message: string };

/** The panel may ask for one thing: open a frame's source (the host checks it is one of the summary's frames). */
export type TraceToHost = { type: 'ready' } | { type: 'openFrame'; file: string; line: number };

export function parseTraceMessage(m: unknown): TraceToHost | undefined {
  const o = messageRecord(m);
  if (o?.type === 'ready') return { type: 'ready' };
  const place = o?.type === 'openFrame' ? sourcePlace(o) : undefined;
  return place && { type: 'openFrame', ...place };
}
