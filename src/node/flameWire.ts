import type { FlameColumn, FlameTree, FlameTreeWire } from '../protocol/flame';

/**
 * FlameTree ⇄ FlameTreeWire: typed arrays as base64 of their bytes, so a
 * tree crosses JSON-RPC at 4/3 of its binary size instead of as number
 * arrays (about 3× larger and slow to parse). Node-only (Buffer).
 */
const INT_COLUMNS = ['parent', 'depth', 'name', 'file', 'line'] as const;
const FLOAT_COLUMNS = ['total', 'self'] as const;

export function encodeFlameTree(t: FlameTree, localFiles: (string | null)[], prunedNodes: number): FlameTreeWire {
  const columns = {} as Record<FlameColumn, string>;
  for (const c of [...INT_COLUMNS, ...FLOAT_COLUMNS]) columns[c] = b64(t[c]);
  return {
    sampleTypes: t.sampleTypes,
    names: t.names,
    files: t.files,
    localFiles,
    prunedNodes,
    columns,
    baseColumns: t.baseTotal && t.baseSelf ? { baseTotal: b64(t.baseTotal), baseSelf: b64(t.baseSelf) } : undefined,
  };
}

export function decodeFlameTree(w: FlameTreeWire): FlameTree {
  const ints = (c: (typeof INT_COLUMNS)[number]) => new Int32Array(bytes(w.columns[c]).buffer);
  const floats = (s: string) => new Float64Array(bytes(s).buffer);
  return {
    sampleTypes: w.sampleTypes,
    names: w.names,
    files: w.files,
    parent: ints('parent'),
    depth: ints('depth'),
    name: ints('name'),
    file: ints('file'),
    line: ints('line'),
    total: floats(w.columns.total),
    self: floats(w.columns.self),
    baseTotal: w.baseColumns && floats(w.baseColumns.baseTotal),
    baseSelf: w.baseColumns && floats(w.baseColumns.baseSelf),
  };
}

function b64(a: Int32Array | Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Decoded into a fresh, aligned buffer (a Buffer's offset may not be 8-aligned). */
function bytes(s: string): Uint8Array {
  const b = Buffer.from(s, 'base64');
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}
