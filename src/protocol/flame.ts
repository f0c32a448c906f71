/**
 * The flame graph's data and messages, shared by the language server (which
 * builds the tree), the extension host (which relays it) and the webview
 * (which draws it). Trees are sent column-wise — typed arrays and a string
 * table — never as nested objects: a 200k-node tree as JSON objects costs
 * ten times the bytes and a long parse.
 *
 * Nodes are in depth-first preorder; node 0 is the root ("all samples").
 * Children of a node follow it and are ordered by function name, so the
 * same tree always draws the same way. A node is one function on one call
 * path (pprof's flame graph granularity).
 */
import { isIndex, messageRecord } from './pageMessage';

export interface FlameTree {
  sampleTypes: { type: string; unit: string }[];
  /** Function names and source files, referenced by index. */
  names: string[];
  files: string[];
  /** Per node: parent index (-1 for the root), depth, function name, file, line. */
  parent: Int32Array;
  depth: Int32Array;
  name: Int32Array;
  file: Int32Array;
  /** Line of the frame on the heaviest sample path through the node (0 when unknown). */
  line: Int32Array;
  /** nodes × sampleTypes.length, row-major: total (inclusive) and self values. */
  total: Float64Array;
  self: Float64Array;
  /** With a comparison: the base profile's values on the same paths (0 where absent). */
  baseTotal?: Float64Array;
  baseSelf?: Float64Array;
}

/** What the panel shows; kept in webview state so it survives hiding and reloads. */
export interface FlameViewState {
  sampleTypeIndex: number;
  /** Zoomed-in node (0 = root). */
  zoom: number;
  search: string;
  /** Focused function (sub-graph of its calls) or ''. */
  focus: string;
  /** Hidden functions or packages (prefix match on the function name). */
  ignored: string[];
  /** Function shown in the sandwich view, or ''. */
  sandwich: string;
  /** The profile file shown; set by the host in init, kept so a reload can restore the panel. */
  profilePath?: string;
}

export type HostToFlame =
  | { type: 'init'; profileName: string; tree: FlameTree; state?: Partial<FlameViewState>; baseName?: string }
  /** Functions of the code under the editor cursor, to highlight. */
  | { type: 'highlight'; functions: string[] }
  /** Focus a function (from a code lens). */
  | { type: 'focus'; function: string };

export type FlameToHost =
  | { type: 'ready' }
  /** Open the node's source beside the panel. */
  | { type: 'openLocation'; node: number }
  | { type: 'setSampleType'; index: number }
  /** Persisted view state (zoom, search, focus, ignore, sandwich). */
  | { type: 'state'; state: FlameViewState }
  /** Ask to compare with another profile (the host asks which). */
  | { type: 'compare' };

/** Validates a message from the webview; anything else is dropped. */
export function parseFlameMessage(m: unknown): FlameToHost | undefined {
  const o = messageRecord(m);
  if (!o) return undefined;
  switch (o.type) {
    case 'ready':
    case 'compare':
      return { type: o.type };
    case 'openLocation':
      return isIndex(o.node) ? { type: 'openLocation', node: o.node } : undefined;
    case 'setSampleType':
      return isIndex(o.index) ? { type: 'setSampleType', index: o.index } : undefined;
    case 'state':
      return isState(o.state) ? { type: 'state', state: o.state } : undefined;
    default:
      return undefined;
  }
}

function isState(v: unknown): v is FlameViewState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const str = (x: unknown) => typeof x === 'string' && x.length < 10_000;
  return (
    isIndex(s.sampleTypeIndex) && isIndex(s.zoom) && str(s.search) && str(s.focus) && str(s.sandwich) &&
    Array.isArray(s.ignored) && s.ignored.length < 1000 && s.ignored.every(str) &&
    (s.profilePath === undefined || str(s.profilePath))
  );
}

/**
 * FlameTree as it crosses JSON-RPC (language server → extension host): each
 * typed array as base64 of its bytes. The host turns it back into typed
 * arrays before posting to the webview (which keeps them as they are).
 */
export interface FlameTreeWire {
  sampleTypes: FlameTree['sampleTypes'];
  names: string[];
  files: string[];
  /** Local path of each entry of `files` when the source was found on this machine. */
  localFiles: (string | null)[];
  /** Nodes left out because they were too small to draw (below 1/maxNodes of the root). */
  prunedNodes: number;
  columns: Record<FlameColumn, string>;
  baseColumns?: Record<'baseTotal' | 'baseSelf', string>;
}

export type FlameColumn = 'parent' | 'depth' | 'name' | 'file' | 'line' | 'total' | 'self';

export interface FlameTreeParams {
  id?: string;
  /** Compare against this loaded profile (diff colours, base values). */
  baseId?: string;
  /** Upper bound on nodes sent; the smallest are pruned first. Default 500k. */
  maxNodes?: number;
}

/** Functions whose source the cursor is in (for highlighting their frames). */
export interface FunctionsAtParams {
  uri: string;
  line: number;
}
