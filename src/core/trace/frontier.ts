import type { BatchCursor } from './batchCursor';

/**
 * The min-heap of per-M cursors keyed by the time of each cursor's next
 * event, written the way internal/trace's batchcursor.go writes it. The exact
 * sift order matters: among cursors with equal times it decides which event
 * is tried first, and so the order `go tool trace` reports them in.
 */
export type Frontier = BatchCursor[];

export function heapInsert(heap: Frontier, bc: BatchCursor): void {
  heap.push(bc);
  siftUp(heap, heap.length - 1);
}

export function heapUpdate(heap: Frontier, i: number): void {
  if (siftUp(heap, i) !== i) return;
  siftDown(heap, i);
}

export function heapRemove(heap: Frontier, i: number): void {
  // Sift i to the root ignoring values, swap it with the last, drop it, sift the root down.
  while (i > 0) {
    const parent = (i - 1) >> 1;
    swap(heap, parent, i);
    i = parent;
  }
  swap(heap, 0, heap.length - 1);
  heap.pop();
  siftDown(heap, 0);
}

function siftUp(heap: Frontier, i: number): number {
  while (i > 0 && heap[(i - 1) >> 1].ev.time > heap[i].ev.time) {
    const parent = (i - 1) >> 1;
    swap(heap, parent, i);
    i = parent;
  }
  return i;
}

function siftDown(heap: Frontier, i: number): void {
  for (;;) {
    const m = min3(heap, i, 2 * i + 1, 2 * i + 2);
    if (m === i) return;
    swap(heap, i, m);
    i = m;
  }
}

function min3(heap: Frontier, i0: number, i1: number, i2: number): number {
  let minIdx = i0;
  let minT = Number.MAX_VALUE;
  if (i0 < heap.length) minT = heap[i0].ev.time;
  if (i1 < heap.length && heap[i1].ev.time < minT) {
    minT = heap[i1].ev.time;
    minIdx = i1;
  }
  if (i2 < heap.length && heap[i2].ev.time < minT) minIdx = i2;
  return minIdx;
}

function swap(heap: Frontier, i: number, j: number): void {
  const t = heap[i];
  heap[i] = heap[j];
  heap[j] = t;
}

/** Go's batchCursor.compare, for sorting the frontier in the slow path. */
export function compareCursors(a: BatchCursor, b: BatchCursor): number {
  return a.ev.time < b.ev.time ? -1 : a.ev.time > b.ev.time ? 1 : 0;
}
