import type { MonitorPoint } from '../core/monitor/sample';
import type { Breach } from '../core/monitor/thresholds';
import { messageRecord } from './pageMessage';

/**
 * The live memory monitor's chart panel and the state gomem's API exposes.
 * Points and breaches are plain JSON from the poller (src/node/monitor).
 */
export interface MonitorView {
  readonly target: string;
  readonly intervalSeconds: number;
  readonly windowSeconds: number;
  readonly points: readonly MonitorPoint[];
  readonly breaches: readonly Breach[];
  /** Set once the monitor has ended, with why. */
  readonly stopped?: string;
}

export type HostToMonitor =
  | { type: 'init'; view: MonitorView }
  | { type: 'point'; point: MonitorPoint }
  | { type: 'breach'; breaches: Breach[] }
  | { type: 'stopped'; reason: string };

/** The panel asks for nothing but its data. */
export type MonitorToHost = { type: 'ready' };

export function parseMonitorMessage(m: unknown): MonitorToHost | undefined {
  return messageRecord(m)?.type === 'ready' ? { type: 'ready' } : undefined;
}

/** What `GomemApi.monitor()` reports: the status-bar item as drawn, and the monitor's numbers. */
export interface MonitorInfo {
  readonly target: string;
  readonly running: boolean;
  readonly stopped?: string;
  readonly statusBar: { readonly visible: boolean; readonly text: string; readonly tooltip: string; readonly warning: boolean };
  readonly points: number;
  /** Polls begun, answered or not. */
  readonly pollsStarted: number;
  readonly breaches: readonly Breach[];
  /** Snapshot files saved at breaches, in order. */
  readonly snapshots: readonly string[];
  readonly panelOpen: boolean;
}
