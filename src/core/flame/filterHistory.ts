import type { FlameViewState } from '../../protocol/flame';

/** The filter state that Undo restores. */
export type FilterSnapshot = Pick<FlameViewState, 'focus' | 'ignored' | 'sandwich' | 'zoom'>;

const LIMIT = 100;

/**
 * Undo for the flame graph's filters (focus, hidden frames, sandwich). A
 * change that alters the tree (focus, hidden) starts at the root, since node
 * numbers change; one that only opens or closes the sandwich keeps the zoom.
 */
export class FilterHistory {
  private stack: FilterSnapshot[] = [];

  get canUndo(): boolean {
    return this.stack.length > 0;
  }

  clear(): void {
    this.stack = [];
  }

  /** The state after applying `next` to `current`, remembering `current` (the last 100). */
  change(current: FilterSnapshot, next: Partial<FilterSnapshot>): { snap: FilterSnapshot; treeChanged: boolean } {
    const now = snapshotOf(current);
    this.stack.push(now);
    if (this.stack.length > LIMIT) this.stack.shift();
    const treeChanged = next.focus !== undefined || next.ignored !== undefined;
    return { snap: { ...now, zoom: treeChanged ? 0 : now.zoom, ...next }, treeChanged };
  }

  /** The state before the last change, if any. */
  undo(): FilterSnapshot | undefined {
    return this.stack.pop();
  }
}

function snapshotOf(s: FilterSnapshot): FilterSnapshot {
  return { focus: s.focus, ignored: s.ignored, sandwich: s.sandwich, zoom: s.zoom };
}
