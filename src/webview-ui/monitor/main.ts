import { formatValue } from '../../core/format/units';
import type { MonitorPoint } from '../../core/monitor/sample';
import type { Breach } from '../../core/monitor/thresholds';
import type { HostToMonitor, MonitorToHost, MonitorView } from '../../protocol/monitor';
import { h } from '../flame/dom';
import { drawChart, type Series } from '../trace/chart';

/**
 * The live memory monitor: heap in use vs goal, allocation rate, GC pauses
 * and goroutines over time, with a marker at each breach. The host sends
 * the history at init, then points and breaches as they come. Every string
 * (the target, breach messages) is set as text.
 */
interface VsCodeApi {
  postMessage(m: MonitorToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let view: { target: string; intervalSeconds: number; points: MonitorPoint[]; breaches: Breach[]; stopped?: string } | undefined;
let scheduled = false;

window.addEventListener('message', (e: MessageEvent<HostToMonitor>) => {
  const m = e.data;
  if (m?.type === 'init') start(m.view);
  else if (!view) return;
  else if (m.type === 'point') view.points.push(m.point);
  else if (m.type === 'breach') view.breaches.push(...m.breaches);
  else if (m.type === 'stopped') view.stopped = m.reason;
  schedule();
});
window.addEventListener('resize', () => schedule());
vscode.postMessage({ type: 'ready' });

const css = (name: string) => getComputedStyle(document.body).getPropertyValue(name).trim();
const bytes = (v: number) => formatValue(v, 'bytes');

const status = h('p', { cls: 'muted' });
const cards = h('div', { cls: 'cards' });
const charts = {
  heap: h('canvas', { cls: 'chart' }),
  rate: h('canvas', { cls: 'chart' }),
  pause: h('canvas', { cls: 'chart' }),
  goroutines: h('canvas', { cls: 'chart' }),
};
const breachList = h('ol', { cls: 'breaches' });

function start(v: MonitorView): void {
  view = { ...v, points: [...v.points], breaches: [...v.breaches] };
  app.replaceChildren(
    h('h1', { text: `Memory monitor — ${v.target}` }),
    status,
    cards,
    section('Heap in use vs goal', legend([['heap in use', 'blue'], ['goal (NextGC)', 'orange'], ['warning (vertical line)', 'lines']]), charts.heap),
    section('Allocation rate', charts.rate),
    section('Longest GC pause per poll', charts.pause),
    section('Goroutines', charts.goroutines),
    section('Warnings', breachList),
  );
}

/** Points can arrive faster than frames: draw once per frame. */
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}

function render(): void {
  if (!view) return;
  const pts = view.points;
  const last = pts[pts.length - 1];
  status.textContent = view.stopped ? `Stopped: ${view.stopped}` : `Polling every ${view.intervalSeconds} s · ${pts.length} samples`;
  cards.replaceChildren(
    card('heap in use', last ? bytes(last.heapInuse) : '…'),
    card('goal', last?.heapGoal ? bytes(last.heapGoal) : '—'),
    card('allocation rate', last?.allocRate === undefined ? '…' : `${bytes(last.allocRate)}/s`),
    card('GCs', last ? String(last.numGC) : '…'),
    card('latest pause', last ? formatValue(last.latestPauseNs, 'nanoseconds') : '…'),
    card('goroutines', last?.goroutines === undefined ? '—' : String(last.goroutines)),
  );
  breachList.replaceChildren(...view.breaches.map((b) => h('li', { text: `${new Date(b.atMs).toLocaleTimeString()} — ${b.message}` })));
  const t0 = pts[0]?.atMs ?? 0;
  const at = (ms: number) => (ms - t0) * 1e6;
  const durationNs = Math.max(1e9, at(last?.atMs ?? t0));
  const common = { durationNs, markers: view.breaches.map((b) => at(b.atMs)), formatTime: (ns: number) => `${(ns / 1e9).toFixed(durationNs < 10e9 ? 1 : 0)} s` };
  const of = (pick: (p: MonitorPoint) => number | undefined): Array<[number, number]> =>
    pts.flatMap((p) => {
      const v = pick(p);
      return v === undefined ? [] : [[at(p.atMs), v] as [number, number]];
    });
  drawChart(charts.heap, { ...common, series: [line('heap in use', 'blue', of((p) => p.heapInuse)), line('goal', 'orange', of((p) => p.heapGoal || undefined))], formatValue: bytes }, css);
  drawChart(charts.rate, { ...common, series: [line('allocation rate', 'green', of((p) => p.allocRate))], formatValue: (v) => `${bytes(v)}/s` }, css);
  drawChart(charts.pause, { ...common, series: [line('pause', 'purple', of((p) => p.worstPauseNs))], formatValue: (v) => formatValue(v, 'nanoseconds') }, css);
  drawChart(charts.goroutines, { ...common, series: [line('goroutines', 'yellow', of((p) => p.goroutines))], formatValue: (v) => String(Math.round(v)) }, css);
}

function line(label: string, color: string, points: Array<[number, number]>): Series {
  return { label, color: css(`--vscode-charts-${color}`) || color, points };
}

function card(title: string, value: string): HTMLElement {
  return h('div', { cls: 'card' }, h('div', { cls: 'card-title', text: title }), h('div', { cls: 'card-value', text: value }));
}

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  return h('section', {}, h('h2', { text: title }), ...children);
}

function legend(items: Array<[string, string]>): HTMLElement {
  const l = h('div', { cls: 'legend' });
  for (const [label, color] of items) {
    const sw = h('span', { cls: 'swatch' });
    sw.style.background = css(`--vscode-charts-${color}`) || color;
    l.append(sw, h('span', { text: label }));
  }
  return l;
}
