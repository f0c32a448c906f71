import { nodeAt } from '../../core/flame/navigate';
import { diffLevel, DIFF_LEVELS } from '../../core/flame/palette';
import { h } from './dom';
import type { FlameModel } from './model';
import type { Paint } from './paint';
import { BoxRaster } from './boxRaster';
import { labelOf, paintBoxes, paintLabels, paintOutlines, ROW, type FramePainter } from './framePaint';
import { ANCESTOR, DIM, HIGHLIGHTED, MATCHED, MERGED, VisibleFrames } from './visibleFrames';

export { ROW };
/** The narrowest frame drawn, in CSS pixels. */
const MIN_PX = 0.5;

/** Name-indexed marks shared by every view: search matches and frames the editor asked to highlight. */
export interface Marks {
  matched: Uint8Array | null;
  highlighted: Uint8Array | null;
}

export interface ViewEvents {
  zoom(view: FlameView, node: number): void;
  open(view: FlameView, node: number): void;
  select(view: FlameView, node: number): void;
  hover(view: FlameView, node: number, e: MouseEvent | null): void;
}

/** One frame as drawn, for the test summary. */
export interface DrawnFrame {
  node: number;
  name: string;
  x: number;
  y: number;
  w: number;
  fill: string;
  label: string;
  dim: boolean;
  matched: boolean;
  highlighted: boolean;
  /** Slivers merged into one box (node and name are the first one's). */
  merged: boolean;
}

/**
 * A flame graph on a 2D canvas. Each draw walks only the zoomed frame's
 * subtree, skipping whole subtrees that are narrower than half a pixel or
 * below the viewport, collects the visible frames into preallocated typed
 * arrays, then paints boxes, outlines and labels in three passes (few
 * fillStyle switches, nothing allocated per frame). The canvas has the
 * viewport's size times devicePixelRatio; the scroller's spacer gives the
 * native scrollbar the full height.
 */
export class FlameView {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  model: FlameModel | null = null;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly ctx: CanvasRenderingContext2D;
  private cssW = 0;
  private cssH = 0;
  private dpr = 1;
  private readonly frames = new VisibleFrames();
  private readonly raster = new BoxRaster();
  private edges = new Float64Array(64);
  private frame = 0;
  /** scrollTop and the bottom-up origin, read once per draw or event (not per frame). */
  private top = 0;
  private bottom = 0;

  constructor(
    private readonly paint: Paint,
    private readonly marks: Marks,
    private readonly events: ViewEvents,
    label: string,
  ) {
    this.canvas = h('canvas', { cls: 'flame-canvas' });
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', label);
    this.spacer = h('div', { cls: 'flame-spacer' });
    this.scroller = h('div', { cls: 'flame-scroll' }, this.canvas, this.spacer);
    this.element = h('div', { cls: 'flame-view' }, this.scroller);
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('no 2D canvas');
    this.ctx = ctx;
    // Resolve the label font now, not during the first draw.
    ctx.font = paint.font;
    ctx.measureText('main.main');
    this.listen();
  }

  setModel(m: FlameModel | null): void {
    this.model = m;
    this.updateExtent();
    if (m?.upward) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /** Call after the zoom changed: the scrollable height follows the zoomed subtree. */
  updateExtent(): void {
    this.measure();
    this.spacer.style.height = `${Math.max(0, this.contentHeight() - this.cssH)}px`;
  }

  private contentHeight(): number {
    const m = this.model;
    return m ? (m.shape.maxDepth[m.zoom] + 1) * ROW + ROW : 0;
  }

  /** Syncs the canvas backing store with its CSS size and the device pixel ratio. */
  private measure(): void {
    const w = this.scroller.clientWidth;
    const hgt = this.scroller.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    if (w === this.cssW && hgt === this.cssH && dpr === this.dpr) return;
    this.cssW = w;
    this.cssH = hgt;
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(w * dpr));
    this.canvas.height = Math.max(1, Math.round(hgt * dpr));
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${hgt}px`;
    this.raster.resize(this.ctx, this.canvas.width, this.canvas.height);
  }

  private sync(): void {
    this.measure();
    this.top = this.scroller.scrollTop;
    this.bottom = Math.max(this.contentHeight(), this.cssH);
  }

  /** y of a row's top in the viewport. */
  private rowY(depth: number): number {
    return this.model?.upward ? this.bottom - (depth + 1) * ROW - this.top : depth * ROW - this.top;
  }

  private rowAt(y: number): number {
    return Math.floor(this.model?.upward ? (this.bottom - this.top - y) / ROW : (y + this.top) / ROW);
  }

  /** Redraws now; returns the number of frames drawn. */
  draw(): number {
    this.sync();
    const ctx = this.ctx;
    const p = this.paint;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, this.cssW, this.cssH);
    this.frames.count = 0;
    const m = this.model;
    if (!m) return 0;
    if (!(m.layout.width[m.zoom] > 0)) {
      ctx.fillStyle = p.textDim;
      ctx.font = p.font;
      ctx.textBaseline = 'middle';
      ctx.fillText('No samples of this type here.', ROW / 2, ROW);
      return 0;
    }
    this.collect(m);
    const painter: FramePainter = { ctx, frames: this.frames, raster: this.raster, paint: p, model: m, dpr: this.dpr, width: this.canvas.width, height: this.canvas.height };
    paintBoxes(painter);
    paintOutlines(painter);
    paintLabels(painter);
    return this.frames.count;
  }

  /** Redraws on the next animation frame (hover, scroll, resize). */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Fills the visible-frame buffers: ancestors of the zoomed frame at full width, then its subtree. */
  private collect(m: FlameModel): void {
    const { tree, shape, layout, zoom } = m;
    const { width } = layout;
    const { parent, depth } = tree;
    const scale = this.cssW / width[zoom];
    const minW = MIN_PX / scale;
    const [lo, hi] = this.rowRange();
    this.frames.reset(hi - lo + 1);
    for (let a = parent[zoom]; a >= 0; a = parent[a]) {
      const d = depth[a];
      if (d >= lo && d <= hi) this.add(m, a, d - lo, 0, this.cssW, ANCESTOR | DIM);
    }
    const size = shape.size;
    const end = zoom + size[zoom];
    // Left edge of the next frame on each depth: children start at their parent's edge, siblings follow.
    const top = depth[zoom];
    const next = this.cursor(shape.maxDepth[zoom] - top + 2);
    next[0] = 0;
    for (let i = zoom; i < end; ) {
      const w = width[i];
      const d = depth[i];
      const at = next[d - top];
      next[d - top] = at + w;
      next[d - top + 1] = at;
      if (w < minW || d > hi) {
        i += size[i];
        continue;
      }
      if (d >= lo) this.add(m, i, d - lo, at * scale, w * scale, 0);
      i++;
    }
  }

  private cursor(n: number): Float64Array {
    if (this.edges.length < n) this.edges = new Float64Array(n * 2);
    return this.edges;
  }

  private rowRange(): [number, number] {
    const a = this.rowAt(0);
    const b = this.rowAt(this.cssH);
    return a <= b ? [Math.max(0, a - 1), b + 1] : [Math.max(0, b - 1), a + 1];
  }

  private add(m: FlameModel, node: number, row: number, px: number, pw: number, flags: number): void {
    const t = m.tree;
    const name = t.name[node];
    const { matched, highlighted } = this.marks;
    if (matched?.[name]) flags |= MATCHED;
    if (highlighted?.[name]) flags |= HIGHLIGHTED;
    if ((matched || highlighted) && !(flags & (MATCHED | HIGHLIGHTED))) flags |= DIM;
    this.frames.add(row, node, px, pw, this.rowY(t.depth[node]), flags, this.colorKey(m, node) | (flags & DIM ? 1 : 0));
  }

  /** Colour key of a node (even; +1 when dimmed): per function, or per change level in a diff. */
  private colorKey(m: FlameModel, node: number): number {
    const t = m.tree;
    if (!t.baseTotal) return t.name[node] * 2;
    const k = node * t.sampleTypes.length + m.layout.sampleType;
    return (diffLevel(t.total[k], t.baseTotal[k]) + DIFF_LEVELS) * 2;
  }

  private fillOfKey(m: FlameModel, key: number): string {
    const dim = (key & 1) === 1;
    return m.tree.baseTotal ? this.paint.diffFill((key >> 1) - DIFF_LEVELS, dim) : this.paint.fill(key >> 1, dim);
  }

  /** The frame under a point of the viewport (client coordinates), or -1. */
  frameAt(clientX: number, clientY: number): number {
    const m = this.model;
    if (!m || !(m.layout.width[m.zoom] > 0)) return -1;
    this.sync();
    const r = this.canvas.getBoundingClientRect();
    const scale = this.cssW / m.layout.width[m.zoom];
    return nodeAt(m, m.zoom, (clientX - r.left) / scale, this.rowAt(clientY - r.top), MIN_PX / scale);
  }

  /** Narrowest width (in layout units) that is drawn at the current zoom. */
  minWidth(): number {
    const m = this.model;
    return m ? (MIN_PX * m.layout.width[m.zoom]) / Math.max(1, this.cssW) : 0;
  }

  /** Scrolls so that `node`'s row is in view. */
  reveal(node: number): void {
    const m = this.model;
    if (!m || node < 0) return;
    this.sync();
    const y = this.rowY(m.tree.depth[node]);
    if (y < 0) this.scroller.scrollTop += y;
    else if (y + ROW > this.cssH) this.scroller.scrollTop += y + ROW - this.cssH;
  }

  /** The frames of the last draw, for the test summary. */
  drawn(): DrawnFrame[] {
    const m = this.model;
    if (!m) return [];
    const f = this.frames;
    const out: DrawnFrame[] = [];
    for (let k = 0; k < f.count; k++) {
      const node = f.nodes[k];
      const fl = f.flags[k];
      out.push({
        node,
        name: m.tree.names[m.tree.name[node]],
        x: round(f.xs[k]),
        y: round(f.ys[k]),
        w: round(f.ws[k]),
        fill: this.fillOfKey(m, f.colorKey(k)),
        label: labelOf(this.paint, m, f, k),
        dim: (fl & DIM) !== 0 && (fl & ANCESTOR) === 0,
        matched: (fl & MATCHED) !== 0,
        highlighted: (fl & HIGHLIGHTED) !== 0,
        merged: (fl & MERGED) !== 0,
      });
    }
    return out;
  }

  private listen(): void {
    const c = this.canvas;
    c.addEventListener('click', (e) => {
      const node = this.frameAt(e.clientX, e.clientY);
      if (node < 0) return;
      if (e.ctrlKey || e.metaKey) this.events.open(this, node);
      else this.events.zoom(this, node);
    });
    c.addEventListener('dblclick', (e) => {
      const node = this.frameAt(e.clientX, e.clientY);
      if (node >= 0) this.events.open(this, node);
    });
    c.addEventListener('contextmenu', (e) => {
      const node = this.frameAt(e.clientX, e.clientY);
      if (node < 0) return;
      e.preventDefault();
      this.events.select(this, node);
    });
    c.addEventListener('mousemove', (e) => this.hoverAt(e));
    c.addEventListener('mouseleave', () => this.hoverAt(null));
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => {
      this.updateExtent();
      this.schedule();
    }).observe(this.scroller);
  }

  private hoverAt(e: MouseEvent | null): void {
    const m = this.model;
    if (!m) return;
    const node = e ? this.frameAt(e.clientX, e.clientY) : -1;
    const changed = node !== m.hovered;
    m.hovered = node;
    this.events.hover(this, node, e);
    if (changed) this.schedule();
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
