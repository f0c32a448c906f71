import { frameWidths, type FlameWidths } from '../../core/flame/layout';
import { siblingOf, widestChild, type FlameGeometry } from '../../core/flame/navigate';
import { originOf, type DerivedTree } from '../../core/flame/pathTree';
import { treeShape, type TreeShape } from '../../core/flame/shape';
import type { FlameTree } from '../../protocol/flame';
import type { Move } from './keyboard';

/**
 * One drawable flame graph: a (derived) tree, its shape, the frame widths
 * for the current sample type (computed once per type, then reused by every
 * zoom and search redraw), the zoomed and selected frames.
 */
export class FlameModel implements FlameGeometry {
  readonly tree: FlameTree;
  readonly shape: TreeShape;
  layout: FlameWidths;
  zoom = 0;
  selected = -1;
  hovered = -1;

  constructor(
    readonly derived: DerivedTree,
    sampleType: number,
    /** Drawn bottom-up (callers above a function in the sandwich view). */
    readonly upward = false,
    /** The tree's shape when already known (found while checking the received tree). */
    shape?: TreeShape,
  ) {
    this.tree = derived.tree;
    this.shape = shape ?? treeShape(this.tree);
    this.layout = frameWidths(this.tree, sampleType);
  }

  get nodes(): number {
    return this.tree.parent.length;
  }

  setSampleType(t: number): void {
    if (this.layout.sampleType === t) return;
    this.layout = frameWidths(this.tree, t);
    // A frame that is empty for this type cannot stay zoomed.
    if (!(this.layout.width[this.zoom] > 0)) this.zoom = 0;
  }

  /** The source-tree node (the host's numbering) of a node of this view. */
  origin(node: number): number {
    return originOf(this.derived, node);
  }

  /** Whether `node` is inside the zoomed frame's subtree (drawn at its own width). */
  inZoom(node: number): boolean {
    return node >= this.zoom && node < this.zoom + this.shape.size[this.zoom];
  }

  /**
   * Where an arrow key moves the selection, or -1: up/down to the parent or
   * the widest drawn child (the other way round in the bottom-up callers
   * view), left/right to drawn siblings.
   */
  next(dir: Move, minWidth: number): number {
    const sel = this.selected;
    const toChild = this.upward ? dir === 'up' : dir === 'down';
    const toParent = this.upward ? dir === 'down' : dir === 'up';
    if (toParent) return this.tree.parent[sel];
    if (toChild) return this.inZoom(sel) ? widestChild(this, sel, minWidth) : this.tree.parent[this.zoom] === sel ? this.zoom : -1;
    return siblingOf(this, sel, dir === 'left' ? -1 : 1, this.zoom, minWidth);
  }
}
