import type { FlameTree } from '../../src/protocol/flame';
import { decodeProfile } from '../../src/core/pprof/decode';
import { buildFlameTree } from '../../src/core/pprof/flameTree';
import { buildTables } from '../../src/core/pprof/tables';
import { zlibGunzip } from '../../src/node/zlibGunzip';
import { encodeProfile, type ProfileSpec } from '../support/encodeProfile';

/** The flame tree of a profile file's bytes, built as the language server builds it. */
export function treeOf(bytes: Uint8Array): FlameTree {
  const p = decodeProfile(bytes, { gunzip: zlibGunzip });
  return buildFlameTree(p, buildTables(p).functions);
}

/** The flame tree of stacksProfile(...), through a real encoded profile. */
export function stacksTree(...args: Parameters<typeof stacksProfile>): FlameTree {
  return treeOf(encodeProfile(stacksProfile(...args)));
}

/** Node of the first frame named `fn` whose parent chain (names, root side first) ends with `path`. */
export function nodeNamed(tree: FlameTree, ...path: string[]): number {
  for (let i = 0; i < tree.parent.length; i++) {
    let a = i;
    let ok = true;
    for (let k = path.length - 1; k >= 0 && ok; k--, a = tree.parent[a]) ok = a > 0 && tree.names[tree.name[a]] === path[k];
    if (ok) return i;
  }
  return -1;
}

/**
 * A profile from call stacks written root first, for flame tests:
 * stacksProfile([[['main.main', 'main.f'], [2, 64]]]) is one sample of
 * 2 objects / 64 bytes allocated in main.f called from main.main. Each
 * function gets one location (line 10 + its id) in a file named after its
 * package, unless `files` names one.
 */
export function stacksProfile(
  samples: [string[], number[]][],
  sampleTypes: [string, string][] = [['alloc_objects', 'count'], ['alloc_space', 'bytes']],
  files: Record<string, string> = {},
): ProfileSpec {
  const ids = new Map<string, number>();
  const id = (fn: string) => {
    let i = ids.get(fn);
    if (i === undefined) ids.set(fn, (i = ids.size + 1));
    return i;
  };
  const spec: ProfileSpec = {
    sampleTypes,
    samples: samples.map(([stack, values]) => ({ locationIds: stack.map(id).reverse(), values })),
    locations: [],
    functions: [],
  };
  for (const [fn, i] of ids) {
    spec.locations.push({ id: i, lines: [{ functionId: i, line: 10 + i }] });
    spec.functions.push({ id: i, name: fn, file: files[fn] ?? `${fn.split('.')[0]}/x.go` });
  }
  return spec;
}
