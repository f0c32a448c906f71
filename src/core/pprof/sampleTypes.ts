import type { ValueType } from './model';

/**
 * The count-valued type that goes with a sample type, for labels like
 * "1.2 MB · 3.4k objs": alloc_space ↔ alloc_objects, inuse_space ↔
 * inuse_objects, delay ↔ contentions, cpu ↔ samples. -1 when there is none.
 */
export function companionCountType(types: readonly ValueType[], index: number): number {
  const t = types[index];
  if (!t || t.unit === 'count') return -1;
  const prefix = t.type.includes('_') ? t.type.slice(0, t.type.lastIndexOf('_')) : '';
  if (prefix) {
    const i = types.findIndex((o) => o.unit === 'count' && o.type.startsWith(prefix + '_'));
    if (i >= 0) return i;
  }
  const counts = types.map((o, i) => (o.unit === 'count' ? i : -1)).filter((i) => i >= 0);
  // Only unambiguous pairs: one value type with one count type (cpu, block, mutex).
  return counts.length === 1 && types.length === 2 ? counts[0] : -1;
}

/** Index of the type named `name` (e.g. "alloc_space"), or -1. */
export function sampleTypeIndex(types: readonly ValueType[], name: string): number {
  return types.findIndex((t) => t.type === name);
}
