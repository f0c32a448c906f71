import { button, h } from './dom';

export interface SelectionActions {
  zoom(): void;
  focus(): void;
  sandwich(): void;
  hideFunction(): void;
  hidePackage(): void;
  open(): void;
}

/**
 * What can be done with the selected frame (right-click or keyboard
 * selects; a click zooms and selects): the same actions have keys.
 */
export class SelectionBar {
  readonly element: HTMLElement;
  private readonly name = h('span', { cls: 'flame-selected' });
  private readonly buttons: HTMLButtonElement[];

  constructor(a: SelectionActions) {
    this.buttons = [
      button('Zoom', 'Zoom to this frame (Enter)', a.zoom),
      button('Focus', 'Show only the calls of this function, merged (F)', a.focus),
      button('Sandwich', 'Callers above, callees below (S)', a.sandwich),
      button('Hide function', 'Hide this function from every stack (H)', a.hideFunction),
      button('Hide package', 'Hide every function of this package (P)', a.hidePackage),
      button('Open source', 'Open the source beside the panel (O, double-click, Ctrl/Cmd+click)', a.open),
    ];
    this.element = h('div', { cls: 'flame-selection' }, this.name, ...this.buttons);
  }

  render(name: string | null, pkg: string): void {
    this.name.textContent = name ?? 'Click a frame to zoom, right-click to select it; arrows move, Enter zooms, Esc zooms out.';
    this.name.title = name ?? '';
    this.name.classList.toggle('hint', name === null);
    this.buttons.forEach((b) => (b.disabled = name === null));
    this.buttons[4].disabled = name === null || !pkg;
    this.buttons[4].title = pkg ? `Hide every function of ${pkg} (P)` : 'Hide every function of this package (P)';
  }
}
