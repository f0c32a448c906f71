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

export interface WalkResult {
  flatA: Float64Array;
  cumA: Float64Array;
  flatB: Float64Array;
  cumB: Float64Array;
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

/** Flat and cum per key of types a and b (b's arrays hold zeros when addB is false), and both types' sums. */
export function walkTypes(s: SampleTable, types: number, keys: WalkKeys, a: number, b: number, addB: boolean): WalkResult {
  const space = spaceFor(s, keys);
  const at = new WasmRegions(space.memory, space.scratch); // never grows the profile's memory
  const put = <T extends Int32Array | Uint32Array>(arr: T): number => {
    const r = at.alloc(arr.byteLength);
    new (arr.constructor as new (b: ArrayBuffer, o: number, n: number) => T)(space.memory.buffer, r.off, arr.length).set(arr);
    return r.off;
  };
  const n = keys.rows;
  const frameKey = put(keys.frameKey);
  const frameStart = put(keys.frameStart);
  const single = put(keys.single);
  const stamp = at.alloc(4 * n).off;
  new Int32Array(space.memory.buffer, stamp, n).fill(-1);
  const out = [0, 1, 2, 3].map(() => at.alloc(8 * n).off);
  for (const o of out) new Float64Array(space.memory.buffer, o, n).fill(0);
  const x = (space.module ??= instantiate(space.memory));
  x.walk(s.count, types, a, b, addB ? 1 : 0, space.values.byteOffset, space.locationStart.byteOffset, space.locations.byteOffset,
    space.locations instanceof Uint32Array ? 1 : 0, frameKey, frameStart, single, stamp, out[0], out[1], out[2], out[3]);
  const copy = (o: number) => new Float64Array(space.memory.buffer, o, n).slice();
  return { flatA: copy(out[0]), cumA: copy(out[1]), flatB: copy(out[2]), cumB: copy(out[3]), sumA: x.sumA.value, sumB: x.sumB.value };
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
  const cols = [s.values, s.locationStart, s.locations];
  m.reserve(cols.reduce((n, c) => n + c.byteLength + 16, 0) + scratchBytes + 16);
  const [values, locationStart, locations] = cols.map((c) => {
    const r = m.alloc(c.byteLength);
    const view = new (c.constructor as new (b: ArrayBuffer, o: number, n: number) => typeof c)(memory.buffer, r.off, c.length);
    view.set(c as never);
    return view;
  }) as [Float64Array, Uint32Array, Uint16Array | Uint32Array];
  return { memory, scratch: m.alloc(scratchBytes), values, locationStart, locations };
}
