import { applyFilters, namesMatching } from '../../core/flame/derive';
import { describeFrame } from '../../core/flame/describe';
import { FilterHistory, type FilterSnapshot } from '../../core/flame/filterHistory';
import { namePath, nodeByNamePath } from '../../core/flame/navigate';
import { packageOf } from '../../core/flame/palette';
import { inspectTree, type TreeShape } from '../../core/flame/shape';
import { restoreViewState } from '../../core/flame/viewState';
import type { FlameToHost, FlameTree, FlameViewState, HostToFlame } from '../../protocol/flame';
import { h } from './dom';
import { FlameView, type Marks, type ViewEvents } from './flameView';
import { handleKey, type KeyActions, type Move } from './keyboard';
import { Legend } from './legend';
import { FlameModel } from './model';
import { Navbar } from './navbar';
import { Paint } from './paint';
import { SandwichPane } from './sandwichPane';
import { SearchMarks } from './searchMarks';
import { SelectionBar, type SelectionActions } from './selectionBar';
import { TestSummary } from './summary';
import { Toolbar } from './toolbar';
import { Tooltip } from './tooltip';
import { hasNegative, ownTree } from './trees';
import { syntheticTree } from './warmUp';

/** The webview's side of VS Code: messages out, and state that survives reloads. */
export interface HostPort {
  post(m: FlameToHost): void;
  saved(): unknown;
  save(s: unknown): void;
}


const HINT = 'Click: zoom · double-click or Ctrl/Cmd+click: open source · right-click: select';

/**
 * The flame graph panel: receives the tree (ready → init), derives what the
 * view state asks for (focus, hidden frames, sandwich), and wires the
 * toolbar, the canvases, the tooltip and the keys to it. Every change of
 * the view state is saved (vscode.setState) and posted to the host.
 */
export class FlameApp {
  private source: FlameTree | null = null;
  private sourceShape: TreeShape | null = null;
  /** Per sample type, whether the tree has negative values (memoized). */
  private negative: boolean[] = [];
  private profileName = '';
  private baseName = '';
  private state: FlameViewState | null = null;
  private main: FlameModel | null = null;
  private readonly marks: Marks = { matched: null, highlighted: null };
  private readonly history = new FilterHistory();
  private zoomHistory: number[] = [];
  private readonly search: SearchMarks;
  private active: FlameView;
  private stateTimer = 0;
  private draws = 0;
  private readonly paint: Paint;
  private readonly toolbar: Toolbar;
  private readonly navbar: Navbar;
  private readonly selection: SelectionBar;
  private readonly actions: SelectionActions;
  private readonly legend = new Legend();
  private readonly tooltip = new Tooltip();
  private readonly mainView: FlameView;
  private readonly sandwich: SandwichPane;
  private readonly announcer = h('div', { cls: 'sr-only' });
  private readonly message = h('p', { cls: 'flame-message' });
  private readonly summary: TestSummary | null;
  /** The state vscode.getState() had when the page started (a reload's). */
  private readonly saved: Partial<FlameViewState> | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: HostPort,
  ) {
    this.paint = new Paint(document.documentElement);
    this.saved = host.saved() as Partial<FlameViewState> | undefined;
    this.summary = TestSummary.forPage(root);
    this.toolbar = new Toolbar({
      sampleType: (i) => this.setSampleType(i),
      search: (q) => this.setSearch(q),
      compare: () => this.host.post({ type: 'compare' }),
    });
    this.navbar = new Navbar(
      {
        zoom: (node) => this.zoomTo(this.mainView, node),
        clearFocus: () => this.changeFilters({ focus: '' }),
        unignore: (entry) => this.changeFilters({ ignored: this.view().ignored.filter((e) => e !== entry) }),
        undo: () => this.undo(),
      },
      this.legend.element,
    );
    this.actions = {
      zoom: () => this.zoomSelected(),
      focus: () => this.withSelected((name) => this.changeFilters({ focus: name, sandwich: '' })),
      sandwich: () => this.withSelected((name) => this.changeFilters({ sandwich: name })),
      hideFunction: () => this.withSelected((name) => this.hide(name)),
      hidePackage: () => this.withSelected((name) => packageOf(name) && this.hide(`${packageOf(name)}.`)),
      open: () => this.openSelected(),
    };
    this.selection = new SelectionBar(this.actions);
    this.search = new SearchMarks({ toolbar: this.toolbar, marks: this.marks, whole: (t) => this.whole(t), changed: () => this.writeSummary() });
    const events: ViewEvents = {
      zoom: (v, node) => this.zoomTo(v, node),
      open: (v, node) => this.open(v, node),
      select: (v, node) => this.select(v, node),
      hover: (v, node, e) => this.hover(v, node, e),
    };
    this.mainView = new FlameView(this.paint, this.marks, events, 'Flame graph');
    this.sandwich = new SandwichPane(this.paint, this.marks, events, () => this.changeFilters({ sandwich: '' }));
    this.active = this.mainView;
    this.message.textContent = 'Loading…';
    const views = h('div', { cls: 'flame-views' }, this.mainView.element, this.sandwich.element);
    root.replaceChildren(this.toolbar.element, this.navbar.element, this.selection.element, this.message, views, this.announcer);
    document.body.append(this.tooltip.element);
    this.selection.render(null, '');
    document.addEventListener('keydown', (e) => {
      if (this.main && handleKey(e, this.keyActions(), this.toolbar.search)) e.preventDefault();
    });
    this.watchTheme();
    setTimeout(() => this.warmUp(), 0);
  }

  /**
   * Runs what a first paint runs (checking a tree, its shape and widths, a
   * draw) on a small made-up tree while the host is still fetching the real
   * one, so V8 has compiled that code when the tree comes: measured on a
   * 263k-node tree, a page's first paint took about twice as long as a
   * second one (112–207 ms against 36–100 ms, headless Chromium). Nothing
   * shows: the canvas is cleared in the same task.
   */
  private warmUp(): void {
    if (this.source) return;
    const tree = ownTree(syntheticTree());
    const shape = inspectTree(tree);
    if (typeof shape === 'string') return;
    this.paint.setNames(tree.names);
    this.mainView.setModel(new FlameModel({ tree, origin: null }, 1, false, shape));
    this.mainView.draw();
    this.mainView.setModel(null);
    this.mainView.draw();
  }

  /** Handles a message from the host; anything malformed is ignored. */
  receive(data: unknown): void {
    const m = data as HostToFlame | null;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'init' && m.tree && typeof m.tree === 'object') this.init(m);
    else if (m.type === 'highlight' && Array.isArray(m.functions)) this.highlight(m.functions.filter((f) => typeof f === 'string'));
    else if (m.type === 'focus' && typeof m.function === 'string' && this.source) this.changeFilters({ focus: m.function, sandwich: '' });
  }

  private init(m: Extract<HostToFlame, { type: 'init' }>): void {
    const started = performance.now();
    const tree = ownTree(m.tree);
    const shape = inspectTree(tree);
    if (typeof shape === 'string') {
      this.showMessage(`Cannot show this flame graph: ${shape}.`);
      return;
    }
    // A new tree for the page already showing one (a comparison started or ended): node numbers
    // changed, so the zoom follows the zoomed frame's call path instead of its index.
    const before = this.state && this.main && this.state.profilePath === m.state?.profilePath ? { state: this.state, path: namePath(this.main.tree, this.main.zoom) } : null;
    this.source = tree;
    this.sourceShape = shape;
    this.negative = [];
    this.profileName = String(m.profileName ?? '');
    this.baseName = m.baseName ? String(m.baseName) : '';
    // A fresh page: saved state (vscode.getState) for the same profile, then the host's, field by field.
    // An open page keeps its own state (the host's copy may lag behind it) but the host's sample type.
    const saved = this.saved;
    const same = saved && typeof saved === 'object' && saved.profilePath === m.state?.profilePath;
    this.state = before
      ? restoreViewState(this.source, before.state, { sampleTypeIndex: m.state?.sampleTypeIndex })
      : restoreViewState(this.source, same ? saved : undefined, m.state);
    this.history.clear();
    this.zoomHistory = [];
    this.paint.setNames(this.source.names);
    this.marks.highlighted = null;
    this.toolbar.setTitle(this.profileName, this.baseName);
    this.toolbar.setSampleTypes(this.source.sampleTypes, this.state.sampleTypeIndex);
    this.legend.render(this.paint, !!this.source.baseTotal);
    this.showMessage('');
    this.rebuild(before ? 0 : this.state.zoom);
    if (before) this.zoomToPath(before.path);
    this.applySearch();
    this.render();
    performance.clearMeasures('gomem-flame:first-paint');
    performance.measure('gomem-flame:first-paint', { start: started, detail: { nodes: tree.parent.length } });
    this.save();
  }

  private zoomToPath(path: string[]): void {
    const main = this.main!;
    const node = nodeByNamePath(main.tree, main.shape, path);
    if (node <= 0 || !(main.layout.width[node] > 0)) return;
    main.zoom = node;
    this.view().zoom = node;
    this.mainView.updateExtent();
  }

  private view(): FlameViewState {
    if (!this.state) throw new Error('no profile yet');
    return this.state;
  }

  /** Derives the main tree (and sandwich) from the filters, keeping `zoom` when it is valid there. */
  private rebuild(zoom: number): void {
    const s = this.view();
    const src = this.source!;
    const derived = applyFilters(src, { focus: s.focus, ignored: s.ignored });
    this.main = new FlameModel(derived, s.sampleTypeIndex, false, derived.tree === src ? this.sourceShape! : undefined);
    this.main.zoom = zoom < this.main.nodes && this.main.layout.width[zoom] > 0 ? zoom : 0;
    s.zoom = this.main.zoom;
    this.mainView.setModel(this.main);
    this.rebuildSandwich();
  }

  private rebuildSandwich(): void {
    const s = this.view();
    const main = this.main!;
    const on = !!s.sandwich;
    this.mainView.element.hidden = on;
    this.sandwich.element.hidden = !on;
    if (!on) {
      this.active = this.mainView;
      return;
    }
    this.sandwich.show(main, s.sandwich);
    this.active = this.sandwich.callees;
  }

  /** Redraws everything and refreshes the bars; timed as gomem-flame:render. */
  private render(): void {
    const started = performance.now();
    const s = this.view();
    const main = this.main!;
    // Frames moved: what was under the pointer is not any more.
    this.tooltip.hide();
    for (const m of [main, ...(s.sandwich ? this.sandwich.models() : [])]) m.hovered = -1;
    this.navbar.render(main.tree, main.zoom, s, this.history.canUndo);
    this.renderSelection();
    const frames = s.sandwich ? this.sandwich.draw() : this.mainView.draw();
    performance.clearMeasures('gomem-flame:render');
    performance.measure('gomem-flame:render', { start: started, detail: { frames } });
    this.writeSummary();
  }

  /** Canvas-only redraw (hover, highlight, selection). */
  private redraw(): void {
    if (this.view().sandwich) this.sandwich.draw();
    else this.mainView.draw();
    this.writeSummary();
  }

  private renderSelection(): void {
    const m = this.active.model;
    const node = m?.selected ?? -1;
    const name = m && node >= 0 ? m.tree.names[m.tree.name[node]] : null;
    this.selection.render(name, name ? packageOf(name) : '');
  }

  // --- zoom, selection, hover, open ---------------------------------------------------------

  private zoomTo(v: FlameView, node: number): void {
    const m = v.model;
    if (!m) return;
    this.active = v;
    m.selected = node;
    if (node === m.zoom) {
      this.render();
      return;
    }
    if (v === this.mainView) this.zoomHistory.push(m.zoom);
    m.zoom = node;
    v.updateExtent();
    if (v === this.mainView) this.view().zoom = node;
    this.render();
    this.save();
  }

  private zoomSelected(): void {
    const m = this.active.model;
    if (m && m.selected >= 0) this.zoomTo(this.active, m.selected);
  }

  private select(v: FlameView, node: number): void {
    const m = v.model;
    if (!m) return;
    this.active = v;
    m.selected = node;
    v.reveal(node);
    this.renderSelection();
    this.announce(v, node);
    this.redraw();
  }

  private hover(v: FlameView, node: number, e: MouseEvent | null): void {
    const m = v.model;
    if (!m || node < 0 || !e) {
      this.tooltip.hide();
      return;
    }
    this.tooltip.show(describeFrame(m.tree, node, m.layout.sampleType, this.whole()), HINT, e.clientX, e.clientY);
  }

  private open(v: FlameView, node: number): void {
    const m = v.model;
    if (!m || node < 0 || !m.tree.files[m.tree.file[node]]) return;
    this.host.post({ type: 'openLocation', node: m.origin(node) });
  }

  private openSelected(): void {
    const m = this.active.model;
    if (m && m.selected >= 0) this.open(this.active, m.selected);
  }

  private withSelected(act: (name: string) => void): void {
    const m = this.active.model;
    if (m && m.selected >= 0) act(m.tree.names[m.tree.name[m.selected]]);
  }

  /** Reads the selected frame to screen readers. */
  private announce(v: FlameView, node: number): void {
    const m = v.model!;
    const d = describeFrame(m.tree, node, m.layout.sampleType, this.whole());
    this.announcer.textContent = [d.name, d.location, ...d.rows.map(([k, val]) => `${k} ${val}`)].filter(Boolean).join(', ');
  }

  // --- filters, undo -------------------------------------------------------------------------

  private hide(entry: string): void {
    const s = this.view();
    if (!s.ignored.includes(entry)) this.changeFilters({ ignored: [...s.ignored, entry] });
  }

  /** Applies a focus / ignore / sandwich change, remembering the previous one for Undo. */
  private changeFilters(next: Partial<FilterSnapshot>): void {
    const { snap, treeChanged } = this.history.change(this.view(), next);
    this.applySnapshot(snap, treeChanged);
  }

  private undo(): void {
    const prev = this.history.undo();
    if (prev) this.applySnapshot(prev, true);
  }

  private applySnapshot(snap: FilterSnapshot, treeChanged: boolean): void {
    const s = this.view();
    Object.assign(s, snap);
    if (treeChanged) {
      this.zoomHistory = [];
      this.rebuild(snap.zoom);
      this.applySearch();
    } else {
      this.main!.zoom = snap.zoom < this.main!.nodes ? snap.zoom : 0;
      s.zoom = this.main!.zoom;
      this.mainView.setModel(this.main);
      this.rebuildSandwich();
    }
    this.render();
    this.save();
  }

  // --- sample type, search, highlight --------------------------------------------------------

  private setSampleType(index: number): void {
    const s = this.view();
    if (index === s.sampleTypeIndex || !(index >= 0 && index < this.source!.sampleTypes.length)) return;
    s.sampleTypeIndex = index;
    this.main!.setSampleType(index);
    s.zoom = this.main!.zoom;
    this.mainView.updateExtent();
    if (s.sandwich) for (const m of this.sandwich.models()) m.setSampleType(index);
    this.applySearch();
    this.render();
    this.host.post({ type: 'setSampleType', index });
    this.save();
  }

  private setSearch(query: string): void {
    this.view().search = query;
    this.applySearch();
    this.render();
    this.save(true);
  }

  private applySearch(): void {
    const s = this.view();
    this.search.apply(this.main!, s.search, s.sampleTypeIndex, this.source!.name[0]);
  }

  private highlight(functions: string[]): void {
    if (!this.main) return;
    const set = new Set(functions);
    this.marks.highlighted = set.size ? namesMatching(this.main.tree.names, (s) => set.has(s)) : null;
    this.redraw();
  }

  /** The profile's total for a sample type (the current one by default): what shares are "of". */
  private whole(t = this.view().sampleTypeIndex): number {
    const src = this.source!;
    // With negative values (a delta profile) a share of the signed total means nothing: none is shown.
    this.negative[t] ??= hasNegative(src, t);
    return this.negative[t] ? 0 : src.total[t];
  }

  // --- keys ----------------------------------------------------------------------------------

  private keyActions(): KeyActions {
    const a = this.actions;
    return {
      move: (d: Move) => this.move(d),
      zoomSelected: a.zoom,
      escape: () => this.escape(),
      focusSearch: () => this.toolbar.search.focus(),
      clearSearch: () => this.clearSearch(),
      focus: a.focus,
      sandwich: a.sandwich,
      hideFunction: a.hideFunction,
      hidePackage: a.hidePackage,
      open: a.open,
      undo: () => this.undo(),
    };
  }

  private clearSearch(): void {
    this.toolbar.search.value = '';
    this.setSearch('');
  }

  private move(dir: Move): void {
    const v = this.active;
    const m = v.model;
    if (!m) return;
    const next = m.selected < 0 ? m.zoom : m.next(dir, v.minWidth());
    if (next >= 0) this.select(v, next);
  }

  /** Esc: zoom out one step, else clear the search, else close the sandwich, else drop the selection. */
  private escape(): void {
    const v = this.active;
    const m = v.model;
    const s = this.view();
    if (m && m.zoom !== 0) {
      const back = v === this.mainView ? (this.zoomHistory.pop() ?? 0) : 0;
      m.zoom = back < m.nodes ? back : 0;
      if (v === this.mainView) s.zoom = m.zoom;
      v.updateExtent();
      this.render();
      this.save();
    } else if (s.search) this.clearSearch();
    else if (s.sandwich) this.changeFilters({ sandwich: '' });
    else if (m && m.selected >= 0) {
      m.selected = -1;
      this.renderSelection();
      this.redraw();
    }
  }

  // --- state, theme, messages ----------------------------------------------------------------

  /**
   * Saves the view state in the webview (VS Code hands it to the host's panel
   * serializer after a restart, so it is the plain FlameViewState with the
   * profile path) and tells the host (debounced while typing a search).
   */
  private save(debounce = false): void {
    const state: FlameViewState = { ...this.view(), ignored: [...this.view().ignored] };
    this.host.save(state);
    clearTimeout(this.stateTimer);
    const post = () => this.host.post({ type: 'state', state });
    if (debounce) this.stateTimer = window.setTimeout(post, 300);
    else post();
  }

  private showMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  /** VS Code changes body classes and the html element's variables when the theme changes. */
  private watchTheme(): void {
    const refresh = () => {
      this.paint.refresh();
      if (!this.source) return;
      this.legend.render(this.paint, !!this.source.baseTotal);
      this.redraw();
    };
    const obs = new MutationObserver(refresh);
    obs.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  private writeSummary(): void {
    if (!this.summary || !this.main || !this.state) return;
    const c = this.state.sandwich ? this.sandwich.callers.canvas : this.mainView.canvas;
    this.summary.write({
      draws: ++this.draws,
      nodes: this.main.nodes,
      state: this.state,
      zoom: this.main.zoom,
      selected: this.active.model?.selected ?? -1,
      diff: !!this.main.tree.baseTotal,
      search: { query: this.search.status.query, status: this.search.status.text, pending: this.search.status.pending, error: this.search.error },
      canvas: { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight, dpr: window.devicePixelRatio },
      main: this.state.sandwich ? [] : this.mainView.drawn(),
      callers: this.state.sandwich ? this.sandwich.callers.drawn() : [],
      callees: this.state.sandwich ? this.sandwich.callees.drawn() : [],
    });
  }
}
