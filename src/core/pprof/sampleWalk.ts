import type { SampleTable } from './model';
import walkWasm from './walk.wat';
import { newMemory, WasmRegions, type Region } from './wasmRegions';

/**
 * Runs walk.wat over a profile's sample columns. Decoded columns are views of
 * the memory samples.wat wrote them into, with scratch space reserved after
 * them when they were finished (`walkScratchBytes`): the walk's small inputs
 * and its outputs go there, and the columns, tens of megabytes, stay where
 * they are. The memory must never grow after that (growing would detach
 * every view the profile holds), so anything that does not fit, or columns
 * that are not in a wasm memory (the join rewrites a column it widens),
 * gets a memory of its own with copies, kept for later walks.
 */
export interface WalkKeys {
  /** Key of every frame, locations concatenated. */
  frameKey: Int32Array;
  /** Start of each location's frames in frameKey (locations + 1 entries). */
  frameStart: Uint32Array;
  /** Key of each location that has one frame, -1 for the others. */
  single: Int32Array;
  rows: number;
}

/** Flat and cum of every row for one type (aggregate.ts's RowValues). */
export interface WalkValues {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

export interface WalkResult {
  /** `b` is `a` itself when both types are the same. */
  a: WalkValues;
  b: WalkValues;
  sumA: number;
  sumB: number;
}

interface Space {
  memory: WebAssembly.Memory;
  scratch: Region;
  /** Where the walk reads the columns: the table's own views, or copies. */
  values: Float64Array;
  locationStart: Uint32Array;
  locations: Uint16Array | Uint32Array;
  module?: WalkExports;
}

interface WalkExports {
  walk: (...args: number[]) => void;
  sumA: WebAssembly.Global;
  sumB: WebAssembly.Global;
}

const spaces = new WeakMap<SampleTable, Space>();
let compiled: WebAssembly.Module | undefined;

/** Scratch one walk needs: frame keys, frame starts, single keys, stamps and four outputs (rows ≤ frames). */
export function walkScratchBytes(locations: number, frames: number): number {
  return 4 * frames + 4 * (locations + 1) + 4 * locations + 4 * frames + 4 * 8 * frames + 8 * 16;
}

/** `table`'s columns are views of `memory`, with `scratch` reserved after them. */
export function adoptColumns(table: SampleTable, memory: WebAssembly.Memory, scratch: Region): void {
  spaces.set(table, { memory, scratch, values: table.values, locationStart: table.locationStart, locations: table.locations });
}

/**
 * Flat and cum per key of types a and b, and both types' sums. With b = a
 * there is one pair of output arrays (b's values are added as zeros into
 * a's, as the JavaScript walk did), so a single type costs no extra columns.
 */
export function walkTypes(s: SampleTable, types: number, keys: WalkKeys, a: number, b: number): WalkResult {
  const space = spaceFor(s, keys);
  const at = new WasmRegions(space.memory, space.scratch); // never grows the profile's memory
  const n = keys.rows;
  const frameKey = copyInto(at, keys.frameKey).byteOffset;
  const frameStart = copyInto(at, keys.frameStart).byteOffset;
  const single = copyInto(at, keys.single).byteOffset;
  const stamp = copyInto(at, new Int32Array(n).fill(-1)).byteOffset;
  const both = b !== a;
  const [flatA, cumA] = [0, 1].map(() => copyInto(at, new Float64Array(n)).byteOffset);
  const [flatB, cumB] = both ? [0, 1].map(() => copyInto(at, new Float64Array(n)).byteOffset) : [flatA, cumA];
  const x = (space.module ??= instantiate(space.memory));
  x.walk(s.count, types, a, b, both ? 1 : 0, space.values.byteOffset, space.locationStart.byteOffset, space.locations.byteOffset,
    space.locations instanceof Uint32Array ? 1 : 0, frameKey, frameStart, single, stamp, flatA, cumA, flatB, cumB);
  const out = (o: number) => new Float64Array(space.memory.buffer, o, n).slice();
  const ra = { flat: out(flatA), cum: out(cumA) };
  return { a: ra, b: both ? { flat: out(flatB), cum: out(cumB) } : ra, sumA: x.sumA.value, sumB: x.sumB.value };
}

/** A copy of `arr` in a new region of `at`, as a view of the same type. */
function copyInto<T extends Float64Array | Int32Array | Uint32Array | Uint16Array>(at: WasmRegions, arr: T): T {
  const r = at.alloc(arr.byteLength);
  const view = new (arr.constructor as new (b: ArrayBuffer, o: number, n: number) => T)(at.memory.buffer as ArrayBuffer, r.off, arr.length);
  view.set(arr as never);
  return view;
}

function instantiate(memory: WebAssembly.Memory): WalkExports {
  compiled ??= new WebAssembly.Module(walkWasm);
  return new WebAssembly.Instance(compiled, { env: { mem: memory } }).exports as unknown as WalkExports;
}

/** The table's space when the columns are still its views and the scratch suffices; else a copy, kept. */
function spaceFor(s: SampleTable, keys: WalkKeys): Space {
  const need = walkScratchBytes(keys.frameStart.length - 1, Math.max(keys.frameKey.length, keys.rows));
  const have = spaces.get(s);
  if (have && have.scratch.bytes >= need && inMemory(have)) return have;
  const copied = copyColumns(s, need);
  spaces.set(s, copied);
  return copied;
}

function inMemory(sp: Space): boolean {
  const buf = sp.memory.buffer;
  return sp.values.buffer === buf && sp.locationStart.buffer === buf && sp.locations.buffer === buf;
}

/** A memory of its own holding copies of the columns the walk reads, and scratch. */
function copyColumns(s: SampleTable, scratchBytes: number): Space {
  const memory = newMemory();
  const m = new WasmRegions(memory);
  m.reserve(s.values.byteLength + s.locationStart.byteLength + s.locations.byteLength + scratchBytes + 4 * 16);
  return { memory, values: copyInto(m, s.values), locationStart: copyInto(m, s.locationStart), locations: copyInto(m, s.locations), scratch: m.alloc(scratchBytes) };
}
