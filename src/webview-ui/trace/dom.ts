/** DOM helpers shared by the trace and GC trace pages: every string is set as text, never parsed as HTML. */
import { el } from '../dom';

export { el };

/** A theme colour (CSS custom property) of the page. */
export const css = (name: string) => getComputedStyle(document.body).getPropertyValue(name).trim();

export function section(title: string, ...children: HTMLElement[]): HTMLElement {
  const s = el('section');
  s.append(el('h2', '', title), ...children);
  return s;
}

/** Swatches named after VS Code's chart colours (blue, orange, …). */
export function legend(items: [string, string][]): HTMLElement {
  const l = el('div', 'legend');
  for (const [label, color] of items) {
    const sw = el('span', 'swatch');
    sw.style.background = css(`--vscode-charts-${color}`) || color;
    l.append(sw, el('span', '', label));
  }
  return l;
}

/** A summary card: title, big value, detail line. */
export function card(title: string, value: string, detail: string): HTMLElement {
  const c = el('div', 'card');
  c.append(el('div', 'card-title', title), el('div', 'card-value', value), el('div', 'muted', detail));
  return c;
}
