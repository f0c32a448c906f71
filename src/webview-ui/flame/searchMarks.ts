import { change } from '../../core/flame/describe';
import { matchedShare, matchNames, searchPattern } from '../../core/flame/search';
import { formatShare, formatValue } from '../../core/format/units';
import type { Marks } from './flameView';
import type { FlameModel } from './model';
import type { Toolbar } from './toolbar';

/** What the search needs from the page around it. */
export interface SearchHost {
  readonly toolbar: Toolbar;
  readonly marks: Marks;
  /** The profile's total for a sample type: what shares are "of" (0: none shown). */
  whole(sampleType: number): number;
  /** The status line changed (the test summary reports it). */
  changed(): void;
}

/**
 * The search box's effect on the graph: marks the functions matching the
 * query (a test per name, so the redraw is immediate) and then, in a task of
 * its own, shows the matched share: that walks the tree, and a keystroke's
 * redraw should not wait for it.
 */
export class SearchMarks {
  error = '';
  status = { query: '', text: '', pending: false };
  private timer = 0;

  constructor(private readonly host: SearchHost) {}

  /** Marks `query`'s matches in `main`; `rootName` is the root's name (not a function). */
  apply(main: FlameModel, query: string, sampleType: number, rootName: number): void {
    const { toolbar, marks } = this.host;
    const p = searchPattern(query);
    this.error = p.error;
    const matched = matchNames(main.tree.names, p);
    if (matched) matched[rootName] = 0;
    marks.matched = matched;
    toolbar.setSearch(query, this.error);
    clearTimeout(this.timer);
    this.status = { query, text: '', pending: !!matched };
    toolbar.setStatus('');
    if (matched) this.timer = window.setTimeout(() => this.showShare(main, matched, query, sampleType), 0);
  }

  private showShare(main: FlameModel, matched: Uint8Array, query: string, t: number): void {
    const share = matchedShare(main.tree, main.shape, matched, t);
    const { unit } = main.tree.sampleTypes[t];
    const whole = this.host.whole(t);
    const value = main.tree.baseTotal ? change(share.baseTotal, share.total, unit) : `${formatValue(share.total, unit)} (${formatShare(share.total, whole) || '–'})`;
    const text = share.frames ? `${share.frames} frames · ${value} of ${formatValue(whole, unit)}` : 'no match';
    this.status = { query, text, pending: false };
    this.host.toolbar.setStatus(text);
    this.host.changed();
  }
}
