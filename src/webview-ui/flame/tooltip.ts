import type { FrameDescription } from '../../core/flame/describe';
import { h } from './dom';

/** The hover card: function, file:line, values. Text only; positioned through CSSOM (the CSP allows no inline styles). */
export class Tooltip {
  readonly element = h('div', { cls: 'flame-tooltip' });
  private shown = '';

  constructor() {
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
  }

  show(d: FrameDescription, hint: string, clientX: number, clientY: number): void {
    const key = `${d.name}\u0000${d.location}\u0000${d.rows.join()}`;
    if (key !== this.shown) {
      this.shown = key;
      const rows = d.rows.map(([k, v]) => h('div', { cls: 'row' }, h('span', { cls: 'key', text: k }), h('span', { cls: 'value', text: v })));
      this.element.replaceChildren(
        h('div', { cls: 'name', text: d.name }),
        ...(d.location ? [h('div', { cls: 'location', text: d.location })] : []),
        ...rows,
        h('div', { cls: 'hint', text: hint }),
      );
    }
    this.element.hidden = false;
    const { innerWidth: vw, innerHeight: vh } = window;
    const r = this.element.getBoundingClientRect();
    const left = clientX + 14 + r.width > vw ? Math.max(0, clientX - 14 - r.width) : clientX + 14;
    const top = clientY + 16 + r.height > vh ? Math.max(0, clientY - 8 - r.height) : clientY + 16;
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
