import { button, h } from './dom';
import { FlameView, type Marks, type ViewEvents } from './flameView';
import type { FlameModel } from './model';
import type { Paint } from './paint';

/** The sandwich view of one function: its callers above (drawn bottom-up), its callees below. */
export class SandwichPane {
  readonly element: HTMLElement;
  readonly callers: FlameView;
  readonly callees: FlameView;
  private readonly callersTitle = h('span', { cls: 'pane-title' });
  private readonly calleesTitle = h('span', { cls: 'pane-title' });

  constructor(paint: Paint, marks: Marks, events: ViewEvents, close: () => void) {
    this.callers = new FlameView(paint, marks, events, 'Callers flame graph');
    this.callees = new FlameView(paint, marks, events, 'Callees flame graph');
    this.element = h(
      'section',
      { cls: 'flame-sandwich' },
      h('div', { cls: 'pane-header' }, this.callersTitle, button('Close sandwich', 'Back to the whole flame graph (Esc)', close)),
      this.callers.element,
      h('div', { cls: 'pane-header' }, this.calleesTitle),
      this.callees.element,
    );
    this.element.hidden = true;
  }

  show(fn: string, callers: FlameModel | null, callees: FlameModel | null): void {
    this.callersTitle.textContent = callers ? `Callers of ${fn}` : `${fn} is not in this view`;
    this.calleesTitle.textContent = callees ? `Callees of ${fn}` : '';
    this.callers.setModel(callers);
    this.callees.setModel(callees);
  }

  draw(): number {
    return this.callers.draw() + this.callees.draw();
  }
}
