import type { FlameTree, FlameViewState } from '../../protocol/flame';
import { shortName } from '../../core/flame/palette';
import { button, h } from './dom';

export interface NavEvents {
  zoom(node: number): void;
  clearFocus(): void;
  unignore(entry: string): void;
  undo(): void;
}

/** Second row: breadcrumb of the zoomed frame's ancestors, the active focus and hidden frames, the colour key, undo. */
export class Navbar {
  readonly element: HTMLElement;
  private readonly crumbs = h('nav', { cls: 'flame-breadcrumb' });
  private readonly chips = h('span', { cls: 'flame-chips' });
  private readonly undoButton: HTMLButtonElement;

  constructor(
    private readonly events: NavEvents,
    legend: HTMLElement,
  ) {
    this.crumbs.setAttribute('aria-label', 'Zoom path');
    this.undoButton = button('Undo', 'Undo the last focus, hide or sandwich change (U)', () => events.undo());
    this.element = h('div', { cls: 'flame-navbar' }, this.crumbs, this.chips, legend, this.undoButton);
  }

  render(tree: FlameTree | null, zoom: number, state: FlameViewState, canUndo: boolean): void {
    this.undoButton.disabled = !canUndo;
    this.crumbs.replaceChildren(...(tree && !state.sandwich ? this.crumbButtons(tree, zoom) : []));
    const chips: HTMLElement[] = [];
    if (state.focus) chips.push(chip('Focus', state.focus, () => this.events.clearFocus()));
    for (const entry of state.ignored) chips.push(chip('Hidden', entry, () => this.events.unignore(entry)));
    this.chips.replaceChildren(...chips);
  }

  private crumbButtons(tree: FlameTree, zoom: number): HTMLElement[] {
    const path: number[] = [];
    for (let a = zoom; a >= 0; a = tree.parent[a]) path.push(a);
    path.reverse();
    // Deep zooms: the root, an ellipsis, the last few.
    const shown = path.length > 8 ? [path[0], -1, ...path.slice(-6)] : path;
    return shown.map((node) => {
      if (node < 0) return h('span', { cls: 'crumb-gap', text: '…' });
      const name = tree.names[tree.name[node]];
      const b = button(node === 0 ? name : shortName(name), name, () => this.events.zoom(node), 'crumb');
      if (node === zoom) b.setAttribute('aria-current', 'true');
      return b;
    });
  }
}

function chip(kind: string, value: string, remove: () => void): HTMLElement {
  return h('span', { cls: 'chip', title: `${kind}: ${value}` }, h('span', { text: `${kind}: ${value}` }), button('×', `Remove ${kind.toLowerCase()} ${value}`, remove, 'chip-remove'));
}
