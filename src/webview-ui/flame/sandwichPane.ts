import { callersOf, calleesOf } from '../../core/flame/derive';
import { button, h } from './dom';
import { FlameView, type Marks, type ViewEvents } from './flameView';
import { FlameModel } from './model';
import type { Paint } from './paint';
import { compose } from './trees';

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

  /** Shows the sandwich of `fn` in the main view's tree (with its focus and hidden frames). */
  show(main: FlameModel, fn: string): void {
    const callers = callersOf(main.tree, main.shape, fn);
    const callees = calleesOf(main.tree, fn);
    const t = main.layout.sampleType;
    this.callersTitle.textContent = callers ? `Callers of ${fn}` : `${fn} is not in this view`;
    this.calleesTitle.textContent = callees ? `Callees of ${fn}` : '';
    this.callers.setModel(callers && new FlameModel(compose(main.derived, callers), t, true));
    this.callees.setModel(callees && new FlameModel(compose(main.derived, callees), t));
  }

  /** The pane's models (callers, callees) that exist. */
  models(): FlameModel[] {
    return [this.callers.model, this.callees.model].filter((m): m is FlameModel => m !== null);
  }

  draw(): number {
    return this.callers.draw() + this.callees.draw();
  }
}
