import { formatValue } from '../../core/format/units';
import type { GcCycle } from '../../core/gctrace/model';
import type { GcTraceOrigin, GcTraceToHost, GcTraceViewData, HostToGcTrace } from '../../protocol/gctraceView';
import { drawChart, type Series } from '../trace/chart';
import { card, css, el, legend, section } from '../trace/dom';

/**
 * The GC trace summary page: totals, pause percentiles, heap and pauses per
 * cycle as charts, and a table whose rows reveal their line in the log.
 * Every string from the log is set as text, never parsed as HTML.
 */
interface VsCodeApi {
  postMessage(m: GcTraceToHost): void;
  setState(state: GcTraceOrigin | null): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let redraw: (() => void) | undefined;

window.addEventListener('message', (e: MessageEvent<HostToGcTrace>) => {
  const m = e.data;
  // Where the log is: what VS Code hands back to restore this panel after a reload.
  if (m?.type === 'init') vscode.setState(m.restore ?? null);
  if (m?.type === 'init') render(m);
  else if (m?.type === 'error') app.replaceChildren(el('p', 'error', m.message));
});
window.addEventListener('resize', () => redraw?.());
vscode.postMessage({ type: 'ready' });

const MB = 1 << 20;
const ms = (v: number) => `${v} ms`;

function render(d: GcTraceViewData): void {
  const heap = el('canvas', 'chart');
  const pauses = el('canvas', 'chart');
  app.replaceChildren(
    header(d),
    cards(d),
    section('Heap per cycle (MB as printed)', legend([['at GC start', 'blue'], ['at GC end', 'purple'], ['live', 'green'], ['goal', 'orange'], ['forced GC', 'lines']]), heap),
    section('Longest stop-the-world phase per cycle', legend([['sweep or mark termination', 'red']]), pauses),
    cyclesSection(d),
    malformedSection(d),
  );
  const c = d.cycles;
  // Times since program start, in ns for the shared chart (its axis reads ms).
  const at = (x: GcCycle) => x.atSec * 1e9;
  const durationNs = (c[c.length - 1]?.atSec ?? 0) * 1e9;
  redraw = () => {
    drawChart(heap, {
      durationNs,
      series: [
        line('at GC start', 'blue', c.map((x) => [at(x), x.heapMB[0] * MB])),
        line('at GC end', 'purple', c.map((x) => [at(x), x.heapMB[1] * MB])),
        line('live', 'green', c.map((x) => [at(x), x.heapMB[2] * MB])),
        line('goal', 'orange', c.map((x) => [at(x), x.goalMB * MB])),
      ],
      markers: c.filter((x) => x.forced).map(at),
      formatValue: (v) => formatValue(v, 'bytes'),
    }, css);
    drawChart(pauses, {
      durationNs,
      series: [line('longest STW', 'red', c.map((x) => [at(x), Math.max(x.clockMs[0], x.clockMs[2]) * 1e6]))],
      formatValue: (v) => formatValue(v, 'nanoseconds'),
    }, css);
  };
  redraw();
}

function line(label: string, color: string, points: Array<[number, number]>): Series {
  return { label, color: css(`--vscode-charts-${color}`) || color, points };
}

function header(d: GcTraceViewData): HTMLElement {
  const s = d.summary;
  const h = el('header');
  const notes = [
    `${s.cycles} cycles from @${s.firstAtSec.toFixed(3)}s to @${s.lastAtSec.toFixed(3)}s`,
    s.missingCycles ? `${s.missingCycles} cycle number${s.missingCycles === 1 ? '' : 's'} missing` : '',
    s.malformedLines ? `${s.malformedLines} broken lines skipped` : '',
    s.otherLines ? `${s.otherLines} other line${s.otherLines === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  h.append(el('h1', '', d.name), el('p', 'muted', notes.join(' · ')));
  return h;
}

function cards(d: GcTraceViewData): HTMLElement {
  const s = d.summary;
  const p = s.pauses;
  const row = el('div', 'cards');
  row.append(
    card('GC cycles', String(s.cycles), `${s.forced} forced (runtime.GC)`),
    card('Stop-the-world pauses', ms(p.maxMs), `max (gc ${p.maxCycle ?? '–'}) · P50 ${ms(p.p50Ms)} · P99 ${ms(p.p99Ms)} · ${p.count} pauses`),
    card('Time stopped', ms(p.totalMs), 'sweep + mark termination, all cycles'),
    card('GC CPU', `${s.gcCpuPercent}%`, 'since program start, as of the last cycle'),
    card('Live heap', `${s.heap.lastLiveMB} MB`, `at the last GC · max ${s.heap.maxLiveMB} MB`),
    card('Heap goal', `${s.heap.lastGoalMB} MB`, `at the last GC · max ${s.heap.maxGoalMB} MB · start up to ${s.heap.maxStartMB} MB`),
  );
  return row;
}

function cyclesSection(d: GcTraceViewData): HTMLElement {
  const table = el('table', 'cycles');
  const head = table.createTHead().insertRow();
  for (const h of ['gc', '@', 'GC CPU', 'STW sweep term.', 'mark', 'STW mark term.', 'heap start → end → live', 'goal', 'P', '']) head.append(el('th', '', h));
  const tb = table.createTBody();
  for (const c of d.cycles) {
    const tr = tb.insertRow();
    tr.dataset.line = String(c.line);
    tr.append(
      numberCell(d, c),
      el('td', 'num', `${c.atSec.toFixed(3)} s`),
      el('td', 'num', `${c.cpuPercent}%`),
      ...c.clockMs.map((v) => el('td', 'num', ms(v))),
      el('td', 'num', `${c.heapMB.join(' → ')} MB`),
      el('td', 'num', `${c.goalMB} MB`),
      el('td', 'num', String(c.procs)),
      el('td', '', c.forced ? 'forced' : ''),
    );
  }
  return section(`Cycles (${d.cycles.length})`, table);
}

/** The cycle number, a link to its line in the log when the host can open it. */
function numberCell(d: GcTraceViewData, c: GcCycle): HTMLElement {
  const td = el('td', 'num');
  if (!d.canReveal) {
    td.textContent = String(c.n);
    return td;
  }
  const a = el('a', 'cycle', String(c.n));
  a.setAttribute('href', '#');
  a.title = `Line ${c.line + 1} of the log`;
  a.dataset.line = String(c.line);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    vscode.postMessage({ type: 'revealLine', line: c.line });
  });
  td.append(a);
  return td;
}

function malformedSection(d: GcTraceViewData): HTMLElement {
  if (!d.malformed.length) return el('div');
  const list = el('ol', 'malformed');
  for (const m of d.malformed) {
    const li = el('li');
    li.append(el('span', 'muted', `line ${m.line + 1}: `), el('code', '', m.text));
    list.append(li);
  }
  return section(`Lines that look like gctrace but do not parse (${d.summary.malformedLines})`, list);
}
