import type { TopRowsResult } from './types';
import { isIndex, messageRecord } from './pageMessage';

/**
 * Messages between the profile overview webview and the extension host.
 * The webview can ask for exactly two things: open a row's source location
 * (by row index; the host owns the paths) and switch the sample type.
 */
export type OverviewToHost =
  | { type: 'ready' }
  | { type: 'openRow'; granularity: 'lines' | 'functions'; index: number }
  | { type: 'setSampleType'; index: number };

export interface OverviewData {
  lines: TopRowsResult;
  functions: TopRowsResult;
}

export type HostToOverview = { type: 'init'; data: OverviewData } | { type: 'error'; message: string };

/** Validates a message from the webview; anything else is dropped. */
export function parseOverviewMessage(m: unknown): OverviewToHost | undefined {
  const o = messageRecord(m);
  if (!o) return undefined;
  if (o.type === 'ready') return { type: 'ready' };
  if (o.type === 'openRow' && (o.granularity === 'lines' || o.granularity === 'functions') && isIndex(o.index)) {
    return { type: 'openRow', granularity: o.granularity, index: o.index };
  }
  if (o.type === 'setSampleType' && isIndex(o.index)) return { type: 'setSampleType', index: o.index };
  return undefined;
}
