import { DIFF_LEVELS, diffLevelRange, type CodeKind } from '../../core/flame/palette';
import { h } from './dom';
import type { Paint } from './paint';

const KINDS: [CodeKind, string, string][] = [
  ['module', 'your code & modules', 'main.main'],
  ['stdlib', 'standard library', 'fmt.Sprintf'],
  ['runtime', 'Go runtime', 'runtime.mallocgc'],
];

/** Colour key: kinds of code, or growth and shrinkage in a diff. Swatches get their colour through CSSOM. */
export class Legend {
  readonly element = h('div', { cls: 'flame-legend' });

  render(paint: Paint, diff: boolean): void {
    if (!diff) {
      this.element.replaceChildren(...KINDS.map(([kind, label, example]) => item(swatch(paint.colorOf(example), label), label, `legend-${kind}`)));
      return;
    }
    const scale = h('span', { cls: 'legend-scale' });
    for (let level = -DIFF_LEVELS; level <= DIFF_LEVELS; level++) scale.append(swatch(paint.diffFill(level, false), levelTitle(level)));
    this.element.replaceChildren(
      h('span', { cls: 'legend-title', text: 'Change from base:' }),
      h('span', { text: 'shrank −100%' }),
      scale,
      h('span', { text: '+100% grew / new' }),
    );
  }
}

function levelTitle(level: number): string {
  if (level === 0) return 'unchanged';
  const [lo, hi] = diffLevelRange(level).map((v) => Math.round(v * 100));
  const sign = level > 0 ? '+' : '−';
  return `${sign}${lo}% to ${sign}${hi}%${level === DIFF_LEVELS ? ' or more (or new)' : ''}`;
}

function swatch(color: string, title: string): HTMLElement {
  const box = h('span', { cls: 'swatch', title });
  box.style.backgroundColor = color;
  return box;
}

function item(box: HTMLElement, label: string, cls: string): HTMLElement {
  return h('span', { cls: `legend-item ${cls}` }, box, h('span', { text: label }));
}
