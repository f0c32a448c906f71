/**
 * Frame colours as numbers (hue, saturation, lightness), so they are
 * computed once per function name, never per node or per draw.
 *
 * Normal frames: a hue band per kind of code — the Go runtime in a muted
 * violet-grey, the standard library in blue, module code (the program and
 * its dependencies) in warm orange-yellow, so "is this mine?" reads at a
 * glance — and inside the band a hue per package, with a small lightness
 * step per function. Diff frames: red for growth, green for shrinkage,
 * stronger with the relative change.
 */
export type CodeKind = 'runtime' | 'stdlib' | 'module' | 'unknown';

export interface Hsl {
  h: number;
  s: number;
  l: number;
}

/**
 * The package path of a Go function name: "net/http.(*Server).Serve" →
 * "net/http", "github.com/a/b.F[...]" → "github.com/a/b". Dots inside the
 * last path element are escaped by the compiler (%2e), so the first dot
 * after the last slash ends the path; type arguments can hold both, so
 * they are cut first.
 */
export function packageOf(fn: string): string {
  const bracket = fn.indexOf('[');
  const head = bracket >= 0 ? fn.slice(0, bracket) : fn;
  const slash = head.lastIndexOf('/');
  const dot = head.indexOf('.', slash + 1);
  return dot > 0 ? head.slice(0, dot) : '';
}

/** The name without its package path: "net/http.(*Server).Serve" → "http.(*Server).Serve". */
export function shortName(fn: string): string {
  const bracket = fn.indexOf('[');
  const slash = fn.lastIndexOf('/', bracket >= 0 ? bracket : fn.length);
  return slash >= 0 ? fn.slice(slash + 1) : fn;
}

export function codeKind(fn: string): CodeKind {
  const pkg = packageOf(fn);
  if (!pkg) return 'unknown';
  if (pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/runtime/')) return 'runtime';
  if (pkg === 'main') return 'module';
  const firstElem = pkg.split('/', 1)[0];
  // Standard library import paths have no dot in their first element.
  return firstElem.includes('.') ? 'module' : 'stdlib';
}

const BANDS: Record<CodeKind, { from: number; span: number; s: number }> = {
  runtime: { from: 250, span: 40, s: 18 },
  stdlib: { from: 195, span: 35, s: 48 },
  module: { from: 22, span: 30, s: 72 },
  unknown: { from: 0, span: 0, s: 0 },
};

/** Colour of a function's frames on a dark or light background. */
export function frameColor(fn: string, dark: boolean): Hsl {
  const kind = codeKind(fn);
  const band = BANDS[kind];
  const h = band.from + (hash(packageOf(fn)) % 1000) / 1000 * band.span;
  const step = (hash(fn) % 5) - 2; // -2..2
  const l = dark ? 30 + step * 1.5 : 78 + step * 1.5;
  return { h, s: dark ? band.s * 0.85 : band.s, l };
}

/** Levels of relative change each way; level 0 means no change. */
export const DIFF_LEVELS = 6;

/**
 * How much a frame grew (positive) or shrank (negative), as a level from
 * -DIFF_LEVELS to DIFF_LEVELS: the change relative to the base, |Δ| / |base|,
 * in steps up to 100% (a new frame, base 0, is full growth; a vanished one
 * full shrinkage). Works for negative values (delta profiles) alike.
 */
export function diffLevel(current: number, base: number): number {
  const delta = current - base;
  if (delta === 0) return 0;
  const rel = base === 0 ? 1 : Math.min(1, Math.abs(delta) / Math.abs(base));
  const level = Math.max(1, Math.ceil(rel * DIFF_LEVELS - 1e-9));
  return delta > 0 ? level : -level;
}

/** The smallest relative change a level stands for (for the legend), e.g. level 3 of 6 → 0.33…0.5. */
export function diffLevelRange(level: number): [number, number] {
  const a = Math.abs(level);
  return [(a - 1) / DIFF_LEVELS, a / DIFF_LEVELS];
}

export function diffColor(level: number, dark: boolean): Hsl {
  if (level === 0) return { h: 220, s: 5, l: dark ? 34 : 80 };
  const k = Math.abs(level) / DIFF_LEVELS;
  const h = level > 0 ? 2 : 130;
  // Stronger change: more saturated and further from the background.
  return dark ? { h, s: 30 + 45 * k, l: 32 - 6 * k } : { h, s: 35 + 50 * k, l: 82 - 22 * k };
}

/** The colour mixed toward a background lightness, for frames that are not the point of attention. */
export function dimmed(c: Hsl, dark: boolean): Hsl {
  return { h: c.h, s: c.s * 0.35, l: dark ? c.l * 0.55 + 4 : c.l * 0.4 + 58 };
}

export function cssHsl(c: Hsl): string {
  return `hsl(${c.h.toFixed(1)} ${c.s.toFixed(1)}% ${c.l.toFixed(1)}%)`;
}

/** FNV-1a: a stable small hash, so a package keeps its hue across sessions. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The colour as a little-endian RGBA pixel (0xAABBGGRR), for writing into ImageData through a Uint32Array. */
export function pixelOf(c: Hsl): number {
  const s = c.s / 100;
  const l = c.l / 100;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + c.h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return rgbPixel(f(0), f(8), f(4));
}

export function rgbPixel(r: number, g: number, b: number): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
