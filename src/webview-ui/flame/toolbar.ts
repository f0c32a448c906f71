import type { FlameTree } from '../../protocol/flame';
import { button, h } from './dom';

export interface ToolbarEvents {
  sampleType(index: number): void;
  search(query: string): void;
  compare(): void;
}

/** Top row: profile name, sample type, search box (regex) with the matched share, "Compare with…". */
export class Toolbar {
  readonly element: HTMLElement;
  readonly search: HTMLInputElement;
  private readonly title = h('span', { cls: 'flame-title' });
  private readonly select = h('select');
  private readonly status = h('span', { cls: 'flame-search-status' });

  constructor(events: ToolbarEvents) {
    this.select.title = 'Sample type';
    this.select.setAttribute('aria-label', 'Sample type');
    this.select.addEventListener('change', () => events.sampleType(Number(this.select.value)));
    this.search = h('input', { cls: 'flame-search' });
    this.search.type = 'search';
    this.search.placeholder = 'Search (regex)  /';
    this.search.spellcheck = false;
    this.search.setAttribute('aria-label', 'Search functions (regular expression)');
    this.search.addEventListener('input', () => events.search(this.search.value));
    this.status.setAttribute('aria-live', 'polite');
    const compare = button('Compare with…', 'Compare this profile with another one (diff colours)', () => events.compare());
    this.element = h('div', { cls: 'flame-toolbar' }, this.title, this.select, h('span', { cls: 'flame-search-box' }, this.search, this.status), compare);
  }

  setTitle(profile: string, base?: string): void {
    this.title.textContent = base ? `${profile} vs ${base}` : profile;
    this.title.title = this.title.textContent;
  }

  setSampleTypes(types: FlameTree['sampleTypes'], index: number): void {
    this.select.replaceChildren(
      ...types.map((t, i) => {
        const o = h('option', { text: `${t.type} (${t.unit})` });
        o.value = String(i);
        return o;
      }),
    );
    this.select.value = String(index);
  }

  setSearch(query: string, error: string): void {
    if (this.search.value !== query) this.search.value = query;
    this.search.classList.toggle('invalid', !!error);
    this.search.title = error ? `Not a valid regular expression (${error}); matching it as plain text` : '';
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }
}
