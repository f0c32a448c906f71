import type { GcCycle, GcTraceSummary, MalformedLine } from '../core/gctrace/model';
import { isLine, messageRecord } from './pageMessage';

/**
 * The GC trace summary panel's messages. The host parses the log (it is
 * small) and sends plain JSON; the page may only ask to reveal the line of
 * one of the cycles it was given.
 */
export interface GcTraceViewData {
  /** What was summarised: a file name, "selection of x.log", a debug session. */
  name: string;
  cycles: GcCycle[];
  summary: GcTraceSummary;
  /** The first broken lines, shown so nothing is dropped silently. */
  malformed: MalformedLine[];
  /** Cycles link to their line in the log. */
  canReveal: boolean;
  /** Where the log is, which the page keeps so VS Code can restore the panel after a reload; absent when it cannot be read again. */
  restore?: GcTraceOrigin;
}

/** A log that can be read again: a document (by URI), all of it or lines first..last (0-based). */
export interface GcTraceOrigin {
  uri: string;
  lines?: [number, number];
}

export type HostToGcTrace = ({ type: 'init' } & GcTraceViewData) | { type: 'error'; message: string };

export type GcTraceToHost = { type: 'ready' } | { type: 'revealLine'; line: number };

export function parseGcTraceMessage(m: unknown): GcTraceToHost | undefined {
  const o = messageRecord(m);
  if (o?.type === 'ready') return { type: 'ready' };
  if (o?.type === 'revealLine' && isLine(o.line)) return { type: 'revealLine', line: o.line };
  return undefined;
}
