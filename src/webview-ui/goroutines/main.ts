import type { GoroutineComparison, GrowthRow } from '../../core/goroutine/compare';
import type { GoroutineFrame } from '../../core/goroutine/model';
import type { GoroutinesToHost, HostToGoroutines } from '../../protocol/goroutineView';
import { el, sourceLink } from '../dom';

/**
 * The goroutine growth page: one row per group, the ones that grew most
 * first, with counts per snapshot, delta, state, top frames and the
 * creation site. Every string from a profile is set as text (textContent),
 * never parsed as HTML; locations open through the host.
 */
interface VsCodeApi {
  postMessage(m: GoroutinesToHost): void;
  setState(state: { paths: string[] }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
/** Frames shown under each group before "… N more". */
const TOP_FRAMES = 4;
let localFiles: Record<string, string | null> = {};

window.addEventListener('message', (e: MessageEvent<HostToGoroutines>) => {
  const m = e.data;
  // The files compared: what VS Code hands back to restore this panel after a reload.
  if (m?.type === 'init' || m?.type === 'error') vscode.setState({ paths: m.paths });
  if (m?.type === 'init') {
    localFiles = m.localFiles;
    render(m.title, m.comparison);
  } else if (m?.type === 'error') app.replaceChildren(el('p', 'error', m.message));
});
vscode.postMessage({ type: 'ready' });

function render(title: string, c: GoroutineComparison): void {
  const header = el('header');
  header.append(el('h1', '', title), el('p', 'muted', `${summaryLine(c)} · grouped by ${c.groupedBy === 'stack' ? 'stack' : 'stack, wait state and creator'}`), snapshotList(c));
  app.replaceChildren(header, table(c));
}

function summaryLine(c: GoroutineComparison): string {
  if (c.snapshots.length === 1) return `${c.snapshots[0].total} goroutines in ${c.rows.length} group${c.rows.length === 1 ? '' : 's'}`;
  const grew = c.rows.filter((r) => r.delta > 0).length;
  return `${c.snapshots.map((s) => String(s.total)).join(' → ')} goroutines (${signed(c.totalDelta)}) · ${grew} of ${c.rows.length} groups grew`;
}

/** The snapshots, numbered as the count columns are. */
function snapshotList(c: GoroutineComparison): HTMLElement {
  const list = el('ol', 'snapshots muted');
  for (const s of c.snapshots) list.append(el('li', '', `${s.name} — ${s.source} ${s.profile} profile, ${s.total} goroutines`));
  return list;
}

function table(c: GoroutineComparison): HTMLElement {
  const t = el('table', 'groups');
  const head = el('tr');
  // One snapshot has nothing to grow from: no delta column.
  const several = c.snapshots.length > 1;
  if (several) head.append(th('Δ', 'last count minus first'));
  c.snapshots.forEach((s, i) => head.append(th(`#${i + 1}`, s.name)));
  // Only debug=2 knows states: no empty column for the other forms.
  const withState = c.rows.some((r) => r.state || r.labels);
  if (withState) head.append(th('state'));
  head.append(th('top frames'), th('creation site'));
  t.append(head);
  for (const r of c.rows) t.append(row(r, several, withState));
  return t;
}

function row(r: GrowthRow, several: boolean, withState: boolean): HTMLElement {
  const tr = el('tr', `group ${r.status}`);
  if (several) tr.append(el('td', 'num delta', signed(r.delta)));
  for (const n of r.counts) tr.append(el('td', 'num count', String(n)));
  if (withState) tr.append(el('td', 'state', [r.state, r.wait && r.wait !== '< 1 min' ? r.wait : undefined, r.labels].filter(Boolean).join(' · ')));
  const frames = el('td', 'frames');
  const list = el('ol', 'frames');
  for (const f of r.frames.slice(0, TOP_FRAMES)) list.append(li(location(f)));
  // Only runtime.goexit on the stack: Go's text forms hide it, and so do we.
  if (!r.frames.length) list.append(li(el('span', 'muted', '(no frames: only runtime.goexit)')));
  if (r.frames.length > TOP_FRAMES) list.append(li(el('span', 'muted', `… ${r.frames.length - TOP_FRAMES} more`)));
  frames.append(list);
  const site = el('td', 'creation');
  if (r.creation) site.append(el('span', 'muted', r.creation.kind === 'created-by' ? 'created by ' : 'entry '), location(r.creation.frame));
  tr.append(frames, site);
  return tr;
}

/** `fn dir/file.go:12`, a link when the file is on this machine. */
function location(f: GoroutineFrame): HTMLElement {
  const text = f.file ? `${f.function} ${f.file.split('/').slice(-2).join('/')}:${f.line}` : f.function;
  if (!f.file || !localFiles[f.file]) return el('span', 'muted', text);
  return sourceLink('location', text, f.file, f.line, () => vscode.postMessage({ type: 'openLocation', file: f.file, line: f.line }));
}

function th(text: string, title?: string): HTMLElement {
  const h = el('th', '', text);
  if (title) h.title = title;
  return h;
}

function li(child: HTMLElement): HTMLElement {
  const l = el('li');
  l.append(child);
  return l;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
