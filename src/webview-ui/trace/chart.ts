/**
 * Small canvas charts for the trace summary: lines over time and stacked
 * areas, with time and value axes and vertical markers. Hand-written (about
 * a hundred lines) rather than a charting library: the panel's CSP allows no
 * inline styles, and two chart kinds do not justify a dependency.
 */
export interface Series {
  label: string;
  color: string;
  points: Array<[number, number]>;
}

export interface ChartSpec {
  durationNs: number;
  series: Series[];
  /** Stack the series (each point's values add up) instead of drawing lines. */
  stacked?: boolean;
  markers?: number[];
  formatValue: (v: number) => string;
  /** Time-axis labels; default milliseconds since the start. */
  formatTime?: (ns: number) => string;
}

const PAD = { left: 64, right: 12, top: 10, bottom: 22 };

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, css: (name: string) => string): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, w, h);
  ctx.font = `11px ${css('--vscode-font-family') || 'sans-serif'}`;
  const stacks = spec.stacked ? stackUp(spec.series) : spec.series.map((s) => s.points);
  const max = Math.max(1, ...stacks.flatMap((pts) => pts.map((p) => p[1])));
  const x = (t: number) => PAD.left + (t / Math.max(1, spec.durationNs)) * (w - PAD.left - PAD.right);
  const y = (v: number) => h - PAD.bottom - (v / max) * (h - PAD.top - PAD.bottom);
  axes(ctx, w, h, max, spec, css);
  ctx.strokeStyle = css('--vscode-charts-lines') || '#8888';
  for (const m of spec.markers ?? []) {
    ctx.beginPath();
    ctx.moveTo(x(m), PAD.top);
    ctx.lineTo(x(m), h - PAD.bottom);
    ctx.stroke();
  }
  stacks.forEach((pts, i) => {
    const color = spec.series[i].color;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    pts.forEach(([t, v], k) => (k === 0 ? ctx.moveTo(x(t), y(v)) : ctx.lineTo(x(t), y(v))));
    if (spec.stacked && pts.length) {
      const below = i > 0 ? stacks[i - 1] : pts.map(([t]) => [t, 0] as [number, number]);
      for (let k = below.length - 1; k >= 0; k--) ctx.lineTo(x(below[k][0]), y(below[k][1]));
      ctx.globalAlpha = 0.55;
      ctx.fill();
      ctx.globalAlpha = 1;
    } else ctx.stroke();
  });
}

/** Cumulative sums per point, bottom series first. */
function stackUp(series: Series[]): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  series.forEach((s, i) => out.push(s.points.map(([t, v], k) => [t, v + (i > 0 ? out[i - 1][k]?.[1] ?? 0 : 0)])));
  return out;
}

function axes(ctx: CanvasRenderingContext2D, w: number, h: number, max: number, spec: ChartSpec, css: (n: string) => string): void {
  const fg = css('--vscode-descriptionForeground') || '#888';
  ctx.fillStyle = fg;
  ctx.strokeStyle = css('--vscode-charts-lines') || '#8884';
  ctx.textAlign = 'right';
  for (const f of [0, 0.5, 1]) {
    const yy = h - PAD.bottom - f * (h - PAD.top - PAD.bottom);
    ctx.fillText(spec.formatValue(max * f), PAD.left - 6, yy + 4);
    ctx.beginPath();
    ctx.moveTo(PAD.left, yy);
    ctx.lineTo(w - PAD.right, yy);
    ctx.stroke();
  }
  ctx.textAlign = 'center';
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const xx = PAD.left + f * (w - PAD.left - PAD.right);
    ctx.fillText(spec.formatTime ? spec.formatTime(spec.durationNs * f) : `${((spec.durationNs * f) / 1e6).toFixed(0)} ms`, xx, h - 6);
  }
}
