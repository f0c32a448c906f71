import type { FlameTree } from '../../protocol/flame';

/**
 * A small made-up tree (a complete tree of the given depth and fan-out, in
 * preorder, one unit per leaf and sample type) for warming up the code the
 * first paint runs: see FlameApp.warmUp.
 */
export function syntheticTree(levels = 8, fanOut = 3): FlameTree {
  const parent: number[] = [];
  const depth: number[] = [];
  const add = (p: number, d: number): void => {
    const i = parent.length;
    parent.push(p);
    depth.push(d);
    if (d < levels) for (let c = 0; c < fanOut; c++) add(i, d + 1);
  };
  add(-1, 0);
  const n = parent.length;
  const types = 2;
  const self = new Float64Array(n * types);
  const total = new Float64Array(n * types);
  for (let i = n - 1; i >= 0; i--) {
    for (let t = 0; t < types; t++) {
      if (depth[i] === levels) self[i * types + t] = total[i * types + t] = 1;
      if (i > 0) total[parent[i] * types + t] += total[i * types + t];
    }
  }
  return {
    sampleTypes: [
      { type: 'objects', unit: 'count' },
      { type: 'space', unit: 'bytes' },
    ],
    names: ['root', 'main.warm', 'runtime.warm'],
    files: [''],
    parent: Int32Array.from(parent),
    depth: Int32Array.from(depth),
    name: Int32Array.from(depth, (d, i) => (d === 0 ? 0 : 1 + (i % 2))),
    file: new Int32Array(n),
    line: new Int32Array(n),
    total,
    self,
  };
}
