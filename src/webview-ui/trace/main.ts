import { formatShare, formatValue } from '../../core/format/units';
import type { Frame, TraceSummary } from '../../core/trace/summary/model';
import type { HostToTrace, TraceToHost } from '../../protocol/traceView';
import { sourceLink } from '../dom';
import { drawChart, type Series } from './chart';
import { card, css, el, legend, section } from './dom';

/**
 * The trace summary page. Every string from the trace is set as text
 * (textContent), never parsed as HTML; frames link to source through the
 * host, which only opens frames the summary holds.
 */
interface VsCodeApi {
  postMessage(m: TraceToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let localFiles: Record<string, string | null> = {};
let redraw: (() => void) | undefined;

window.addEventListener('message', (e: MessageEvent<HostToTrace>) => {
  const m = e.data;
  if (m?.type === 'init') {
    localFiles = m.localFiles;
    render(m.name, m.summary);
  } else if (m?.type === 'error') app.replaceChildren(el('p', 'error', m.message));
});
window.addEventListener('resize', () => redraw?.());
vscode.postMessage({ type: 'ready' });

const ns = (v: number) => formatValue(v, 'nanoseconds');
const bytes = (v: number) => formatValue(v, 'bytes');

function render(name: string, s: TraceSummary): void {
  const heap = el('canvas', 'chart');
  const gor = el('canvas', 'chart');
  app.replaceChildren(
    header(name, s),
    cards(s),
    section('Heap in use vs heap goal', legend([['heap in use', 'blue'], ['goal', 'orange'], ['GC start', 'lines']]), heap),
    section('Goroutines over time', legend([['running', 'green'], ['runnable', 'yellow'], ['waiting', 'purple'], ['syscall', 'red']]), gor),
    blockedSection(s),
    gcSection(s),
    sitesSection('Goroutines created, by site', s.goroutines.createdBySite.map((g) => ({ count: g.count, label: g.entry, stack: g.stack }))),
    sitesSection(
      'Goroutines alive at the end, by creation stack',
      s.goroutines.aliveAtEndBySite.map((g) => ({ count: g.count, label: `${g.entry}${g.createdInTrace ? '' : ' (before the trace)'} — ${Object.entries(g.states).map(([k, v]) => `${v} ${k}`).join(', ')}`, stack: g.stack })),
    ),
  );
  redraw = () => {
    drawChart(heap, {
      durationNs: s.durationNs,
      series: [line('heap in use', 'blue', s.heapAlloc), line('goal', 'orange', s.heapGoal)],
      markers: s.gcs.map((g) => g.startNs),
      formatValue: bytes,
    }, css);
    const col = (i: number) => s.goroutines.series.map((p) => [p[0], p[i]] as [number, number]);
    drawChart(gor, {
      durationNs: s.durationNs,
      stacked: true,
      series: [line('running', 'green', col(1)), line('runnable', 'yellow', col(2)), line('waiting', 'purple', col(3)), line('syscall', 'red', col(4))],
      formatValue: (v) => String(Math.round(v)),
    }, css);
  };
  redraw();
}

function line(label: string, color: string, points: Array<[number, number]>): Series {
  return { label, color: css(`--vscode-charts-${color}`) || color, points };
}

function header(name: string, s: TraceSummary): HTMLElement {
  const h = el('header');
  h.append(el('h1', '', name), el('p', 'muted', `${s.goVersion} trace · ${ns(s.durationNs)} · GOMAXPROCS ${s.gomaxprocs} · ${s.generations} generation${s.generations === 1 ? '' : 's'}`));
  return h;
}

function cards(s: TraceSummary): HTMLElement {
  const p = s.pauses;
  const row = el('div', 'cards');
  row.append(
    card('GC cycles', String(s.gcCount), `${s.gcPerSecond.toFixed(1)} per second`),
    card('Stop-the-world pauses', `${p.count}`, `P50 ${ns(p.p50Ns)} · P90 ${ns(p.p90Ns)} · P99 ${ns(p.p99Ns)} · max ${ns(p.maxNs)}`),
    card('Time stopped', ns(p.totalNs), `${(p.share * 100).toFixed(2)}% of the trace`),
    card('Mark assist', ns(s.markAssist.totalNs), `${s.markAssist.count} assists`),
    card('Goroutines', String(s.goroutines.maxAlive), `at most alive · ${s.goroutines.created} created · ${s.goroutines.aliveAtEnd} at the end`),
  );
  return row;
}

function blockedSection(s: TraceSummary): HTMLElement {
  const total = Object.values(s.blockedNsByReason).reduce((a, b) => a + b, 0);
  const body = el('div');
  s.blocked.forEach((b, i) => {
    const d = el('details');
    // The heaviest reason and its heaviest stack start open: the answer is visible at once.
    d.open = i === 0;
    d.append(el('summary', '', `${b.reason} — ${ns(b.totalNs)} (${formatShare(b.totalNs, total) || '0%'}), ${b.count} waits`));
    b.topStacks.forEach((t, k) => d.append(stackBlock(`${ns(t.ns)} · ${t.count}×`, t.stack, i === 0 && k === 0)));
    body.append(d);
  });
  return section('Time blocked, by reason', body);
}

function gcSection(s: TraceSummary): HTMLElement {
  const table = el('table');
  const head = table.createTHead().insertRow();
  for (const h of ['#', 'start', 'duration', 'stop-the-world pauses']) head.append(el('th', '', h));
  const tb = table.createTBody();
  s.gcs.forEach((g, i) => {
    const tr = tb.insertRow();
    tr.append(
      el('td', 'num', String(i + 1)),
      el('td', 'num', ns(g.startNs)),
      el('td', 'num', g.durationNs === null ? 'running at end' : ns(g.durationNs)),
      el('td', '', g.stw.map((p) => `${p.kind} ${ns(p.durationNs)}`).join(' · ')),
    );
  });
  return section(`GC cycles (${s.gcCount})`, table);
}

function sitesSection(title: string, sites: { count: number; label: string; stack: Frame[] }[]): HTMLElement {
  const body = el('div');
  for (const site of sites) body.append(stackBlock(`${site.count} × ${site.label}`, site.stack));
  return section(title, sites.length ? body : el('p', 'muted', 'None.'));
}

function stackBlock(title: string, stack: Frame[], open = false): HTMLElement {
  const d = el('details', 'stack');
  d.open = open;
  d.append(el('summary', '', title));
  const list = el('ol', 'frames');
  for (const f of stack) {
    const li = el('li');
    const text = `${f.func} ${f.file.split('/').slice(-2).join('/')}:${f.line}`;
    if (localFiles[f.file]) {
      li.append(sourceLink('frame', text, f.file, f.line, () => vscode.postMessage({ type: 'openFrame', file: f.file, line: f.line })));
    } else li.append(el('span', 'muted', text));
    list.append(li);
  }
  d.append(list);
  return d;
}
