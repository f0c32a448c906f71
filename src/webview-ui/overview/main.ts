import { formatShare, formatValue } from '../../core/format/units';
import type { HostToOverview, OverviewData, OverviewToHost } from '../../protocol/overview';
import type { TopRowsResult } from '../../protocol/types';
import { el } from '../dom';

/**
 * The profile overview page. Every string from the profile is set as text
 * (textContent), never parsed as HTML.
 */
interface VsCodeApi {
  postMessage(m: OverviewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

window.addEventListener('message', (e: MessageEvent<HostToOverview>) => {
  const m = e.data;
  if (m?.type === 'init') render(m.data);
  else if (m?.type === 'error') app.replaceChildren(el('p', 'error', m.message));
});
vscode.postMessage({ type: 'ready' });

function render(data: OverviewData): void {
  const p = data.lines.profile;
  const header = el('header');
  header.append(el('h1', '', p.name), el('p', 'muted', `${p.samples} samples · ${p.resolvedFiles}/${p.files} source files found on this machine`));
  header.append(sampleTypePicker(data.lines));
  app.replaceChildren(header, section('Hottest lines', data.lines, 'lines'), section('Hottest functions', data.functions, 'functions'));
}

function sampleTypePicker(r: TopRowsResult): HTMLElement {
  const label = el('label', 'picker', 'Sample type ');
  const select = document.createElement('select');
  r.profile.sampleTypes.forEach((t, i) => {
    const o = document.createElement('option');
    o.value = String(i);
    o.textContent = `${t.type} (${t.unit})`;
    o.selected = i === r.profile.sampleTypeIndex;
    select.append(o);
  });
  select.addEventListener('change', () => vscode.postMessage({ type: 'setSampleType', index: Number(select.value) }));
  label.append(select);
  return label;
}

function section(title: string, r: TopRowsResult, granularity: 'lines' | 'functions'): HTMLElement {
  const unit = r.profile.sampleTypes[r.profile.sampleTypeIndex].unit;
  const s = el('section');
  s.append(el('h2', '', `${title} — total ${formatValue(r.total, unit)}`));
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const h of ['flat', 'flat%', 'cum', 'cum%', granularity === 'lines' ? 'line' : 'function']) head.append(el('th', '', h));
  const body = table.createTBody();
  r.rows.forEach((row, index) => {
    const tr = body.insertRow();
    tr.append(
      el('td', 'num', formatValue(row.flat, unit)),
      el('td', 'num', formatShare(row.flat, r.total)),
      el('td', 'num', formatValue(row.cum, unit)),
      el('td', 'num', formatShare(row.cum, r.total)),
    );
    const where = el('td', 'where');
    const name = granularity === 'lines' ? `${row.function} ${shortFile(row.file)}:${row.line}` : row.function;
    if (row.localPath) {
      const a = el('a', '', name);
      a.setAttribute('href', '#');
      a.title = `${row.file}:${row.line}`;
      a.addEventListener('click', (e) => {
        e.preventDefault();
        vscode.postMessage({ type: 'openRow', granularity, index });
      });
      where.append(a);
    } else where.append(el('span', 'muted', name));
    tr.append(where);
  });
  s.append(table);
  return s;
}

function shortFile(f: string): string {
  return f.split('/').slice(-2).join('/');
}

