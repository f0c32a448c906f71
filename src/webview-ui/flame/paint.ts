import { fitLabel, MIN_LABEL_CHARS } from '../../core/flame/labels';
import { cssHsl, diffColor, DIFF_LEVELS, dimmed, frameColor, pixelOf, rgbPixel, shortName, type Hsl } from '../../core/flame/palette';

/**
 * Colours and font for drawing, from the VS Code theme: media/flame.css maps
 * the theme's variables (--vscode-editor-background, --vscode-focusBorder,
 * …) to the --flame-* properties read here, and the background's lightness
 * picks dark or light frame colours. Fill strings are made once per
 * function name and cached, so the draw loop only looks them up.
 */
export class Paint {
  dark = true;
  background = '#1e1e1e';
  text = '#d4d4d4';
  textDim = '#808080';
  matchBorder = '#d18616';
  highlightBorder = '#ffd700';
  selectBorder = '#007fd4';
  hoverBorder = '#ffffff';
  font = '12px monospace';
  /** Width of one character of the (monospace) label font, in CSS px. */
  charWidth = 7;
  private names: readonly string[] = [];
  private fills: string[] = [];
  private dims: string[] = [];
  private diffFills: string[] = [];
  private diffDims: string[] = [];
  /** The background and colour keys (see colorKey) as RGBA pixels; 0 = not made yet. */
  backgroundPixel = rgbPixel(30, 30, 30);
  private pixels = new Uint32Array(0);
  private diffPixels = new Uint32Array(0);
  /** Labels cut to a width, by name and character count: redraws allocate no strings. */
  private shorts: string[] = [];
  private cut = new Map<number, string>();

  constructor(private readonly root: HTMLElement) {
    this.refresh();
  }

  /** Re-reads the theme (after a theme change) and drops cached colours. */
  refresh(): void {
    const css = getComputedStyle(this.root);
    const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    this.background = v('--flame-background', this.background);
    this.text = v('--flame-text', this.text);
    this.textDim = v('--flame-text-dim', this.textDim);
    this.matchBorder = v('--flame-match-border', this.matchBorder);
    this.highlightBorder = v('--flame-highlight-border', this.highlightBorder);
    this.selectBorder = v('--flame-select-border', this.selectBorder);
    this.hoverBorder = v('--flame-hover-border', this.hoverBorder);
    const family = v('--flame-font-family', 'monospace');
    const size = parseFloat(v('--flame-font-size', '12')) || 12;
    this.font = `${size}px ${family}`;
    const [r, g, b] = rgbOf(this.background);
    this.backgroundPixel = rgbPixel(r, g, b);
    this.dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
    this.charWidth = measureCharWidth(this.font);
    this.setNames(this.names);
    this.diffFills = [];
    this.diffDims = [];
    this.diffPixels = new Uint32Array((2 * DIFF_LEVELS + 1) * 2);
    for (let level = -DIFF_LEVELS; level <= DIFF_LEVELS; level++) {
      const c = diffColor(level, this.dark);
      this.diffFills.push(cssHsl(c));
      this.diffDims.push(cssHsl(dimmed(c, this.dark)));
      this.diffPixels[(level + DIFF_LEVELS) * 2] = pixelOf(c);
      this.diffPixels[(level + DIFF_LEVELS) * 2 + 1] = pixelOf(dimmed(c, this.dark));
    }
  }

  /** The names table of the tree being drawn (colours are cached per entry). */
  setNames(names: readonly string[]): void {
    this.names = names;
    this.fills = new Array<string>(names.length);
    this.dims = new Array<string>(names.length);
    this.shorts = new Array<string>(names.length);
    this.cut.clear();
    this.pixels = new Uint32Array(names.length * 2);
  }

  /**
   * The pixel of a colour key: function name id × 2 (+1 dimmed), or in a
   * diff (change level + DIFF_LEVELS) × 2 (+1 dimmed).
   */
  pixel(key: number, diff: boolean): number {
    if (diff) return this.diffPixels[key];
    let p = this.pixels[key];
    if (p === 0) {
      const c: Hsl = frameColor(this.names[key >> 1] ?? '', this.dark);
      p = this.pixels[key] = pixelOf(key & 1 ? dimmed(c, this.dark) : c);
    }
    return p;
  }

  /** The label of a function for a box `maxChars` characters wide ('' when nothing fits). */
  label(nameId: number, maxChars: number): string {
    const name = this.names[nameId] ?? '';
    if (name.length <= maxChars) return name;
    if (maxChars < MIN_LABEL_CHARS) return '';
    const short = (this.shorts[nameId] ??= shortName(name));
    if (short.length <= maxChars) return short;
    const key = nameId * 1024 + Math.min(maxChars, 1023);
    let s = this.cut.get(key);
    if (s === undefined) {
      if (this.cut.size > 100_000) this.cut.clear();
      this.cut.set(key, (s = fitLabel(name, maxChars)));
    }
    return s;
  }

  fill(nameId: number, dim: boolean): string {
    const cache = dim ? this.dims : this.fills;
    let s = cache[nameId];
    if (s === undefined) {
      const c = frameColor(this.names[nameId] ?? '', this.dark);
      this.fills[nameId] = cssHsl(c);
      this.dims[nameId] = cssHsl(dimmed(c, this.dark));
      s = cache[nameId];
    }
    return s;
  }

  /** The colour of any function name (not cached: for the legend). */
  colorOf(name: string): string {
    return cssHsl(frameColor(name, this.dark));
  }

  diffFill(level: number, dim: boolean): string {
    return (dim ? this.diffDims : this.diffFills)[level + DIFF_LEVELS];
  }
}

/** The RGB of any CSS colour, by drawing it into a 1×1 canvas (once per theme change). */
function rgbOf(color: string): [number, number, number] {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) return [30, 30, 30];
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

function measureCharWidth(font: string): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 7;
  ctx.font = font;
  const sample = 'abcdefghijklmnopqrstuvwxyz.()*/_ABCDEFGHIJ0123456789';
  return ctx.measureText(sample).width / sample.length;
}
