import type { BoxRaster } from './boxRaster';
import type { FlameModel } from './model';
import type { Paint } from './paint';
import { DIM, HIGHLIGHTED, MATCHED, MERGED, type VisibleFrames } from './visibleFrames';

/** Row height in CSS pixels, and the room left of a label. */
export const ROW = 18;
export const PAD = 3;

/** What the three paint passes of one draw work on. */
export interface FramePainter {
  ctx: CanvasRenderingContext2D;
  frames: VisibleFrames;
  raster: BoxRaster;
  paint: Paint;
  model: FlameModel;
  dpr: number;
  /** Canvas size in device pixels. */
  width: number;
  height: number;
}

/** Boxes into device pixels (snapped, so edges are crisp), with a 1px gap where there is room. */
export function paintBoxes(p: FramePainter): void {
  const { frames: f, dpr, raster: r, paint } = p;
  const diff = !!p.model.tree.baseTotal;
  r.begin(p.ctx, p.width, p.height, paint.backgroundPixel);
  const gap = Math.round(dpr);
  const h = Math.round((ROW - 1) * dpr);
  for (let k = 0; k < f.count; k++) {
    const x0 = Math.round(f.xs[k] * dpr);
    let x1 = Math.round((f.xs[k] + f.ws[k]) * dpr);
    if (x1 - x0 >= 3 * gap) x1 -= gap;
    else if (x1 <= x0) x1 = x0 + 1;
    const y0 = Math.round(f.ys[k] * dpr);
    r.box(x0, x1, y0, y0 + h, paint.pixel(f.colorKey(k), diff));
  }
  r.end(p.ctx);
}

const OUTLINES: [number, 'highlight' | 'match', number][] = [
  [HIGHLIGHTED, 'highlight', 2],
  [MATCHED, 'match', 1],
];

/** Search matches and editor highlights as one path each (frames of 4px and more); the selected and hovered frames on top. */
export function paintOutlines(p: FramePainter): void {
  const { ctx, frames: f, paint, model: m } = p;
  for (const [flag, color, lw] of OUTLINES) {
    let any = false;
    ctx.beginPath();
    for (let k = 0; k < f.count; k++) {
      // Slivers show a match by not being dimmed; an outline would only cover them.
      if (!(f.flags[k] & flag) || f.ws[k] < 4 || (flag === MATCHED && f.flags[k] & HIGHLIGHTED)) continue;
      outlineRect(p, k, lw);
      any = true;
    }
    if (!any) continue;
    ctx.strokeStyle = color === 'highlight' ? paint.highlightBorder : paint.matchBorder;
    ctx.lineWidth = lw;
    ctx.stroke();
  }
  for (let k = 0; k < f.count; k++) {
    const node = f.nodes[k];
    if (node !== m.selected && node !== m.hovered) continue;
    const lw = node === m.selected ? 2 : 1;
    ctx.beginPath();
    outlineRect(p, k, lw);
    ctx.strokeStyle = node === m.selected ? paint.selectBorder : paint.hoverBorder;
    ctx.lineWidth = lw;
    ctx.stroke();
  }
}

function outlineRect(p: FramePainter, k: number, lw: number): void {
  const f = p.frames;
  const w = f.ws[k] >= 3 ? f.ws[k] - 1 : f.ws[k];
  p.ctx.rect(f.xs[k] + lw / 2, f.ys[k] + lw / 2, Math.max(0, w - lw), ROW - 1 - lw);
}

/** Labels drawn as text, cut to fit; normal ones first, dimmed ones second (two colour switches in all). */
export function paintLabels(p: FramePainter): void {
  const { ctx, frames: f, paint, model: m } = p;
  ctx.font = paint.font;
  ctx.textBaseline = 'middle';
  for (let pass = 0; pass < 2; pass++) {
    ctx.fillStyle = pass === 0 ? paint.text : paint.textDim;
    for (let k = 0; k < f.count; k++) {
      if (((f.flags[k] & DIM) !== 0) !== (pass === 1)) continue;
      const label = labelOf(paint, m, f, k);
      if (label) ctx.fillText(label, f.xs[k] + PAD, f.ys[k] + ROW / 2, f.ws[k] - 2 * PAD);
    }
  }
}

/** The label drawn in box k ('' for merged slivers and boxes too narrow for two characters). */
export function labelOf(paint: Paint, m: FlameModel, f: VisibleFrames, k: number): string {
  const room = f.ws[k] - 2 * PAD;
  if (f.flags[k] & MERGED || room < paint.charWidth * 2) return '';
  return paint.label(m.tree.name[f.nodes[k]], Math.floor(room / paint.charWidth));
}
