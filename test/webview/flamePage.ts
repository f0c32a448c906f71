/**
 * The flame graph webview in a real browser: a loopback HTTP server for the
 * test page (test/webview/pages/flame.html: the host's CSP, a stand-in for
 * acquireVsCodeApi, Dark+ or Light+ theme variables) and the built bundle
 * (dist/webview/flame.js, media/flame.css), headless Chromium through
 * playwright-core, and trees built from real profiles on the Node side.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after as afterAll, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FlameTree, FlameViewState, HostToFlame } from '../../src/protocol/flame';
import type { DrawnFrame } from '../../src/webview-ui/flame/flameView';
import { goldenPath } from '../support/goTools';
import { treeOf } from '../unit/flameStacks';

export const ROOT = path.resolve(__dirname, '../../..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'webview');
const SERVED = ['/dist/webview/', '/media/', '/test/webview/pages/'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** Serves the test page and the bundle from the repo (only those folders), plus extra in-memory files. */
/**
 * The flame graph's test page (the host's CSP, the acquireVsCodeApi
 * stand-in) made into another panel's: its bundle and its styles, served at
 * test/webview/pages/NAME.html. Pass the result to startServer or browserForFile.
 */
export function panelPage(name: string): Record<string, Uint8Array> {
  const html = fs
    .readFileSync(path.join(ROOT, 'test', 'webview', 'pages', 'flame.html'), 'utf8')
    .replace('/media/flame.css', `/media/${name}.css`)
    .replace('/dist/webview/flame.js', `/dist/webview/${name}.js`)
    .replace(' data-test-summary', '');
  return { [`/test/webview/pages/${name}.html`]: new TextEncoder().encode(html) };
}

export async function startServer(extra: Record<string, Uint8Array> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const body = extra[url.pathname];
    if (body) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(url.pathname)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
      return;
    }
    const file = path.join(ROOT, path.normalize(url.pathname));
    if (!SERVED.some((p) => url.pathname.startsWith(p)) || !file.startsWith(ROOT) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.GOMEM_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export function chromiumMissing(): string | false {
  const exe = process.env.GOMEM_CHROMIUM ?? '/usr/bin/chromium';
  return fs.existsSync(exe) ? false : `no Chromium at ${exe} (apt-get install chromium)`;
}

/**
 * One Chromium and one page server for a test file (node:test before/after
 * hooks). `skip` says why the browser tests cannot run (no Chromium).
 */
export function browserForFile(extra: Record<string, Uint8Array> = {}): { skip: string | false; open(opts?: PageOptions): Promise<FlamePage>; browser(): Browser; url(): string } {
  const skip = chromiumMissing();
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  before(async () => {
    if (skip) return;
    server = await startServer(extra);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { skip, open: (opts = {}) => openFlamePage(browser!, server!.url, opts), browser: () => browser!, url: () => server!.url };
}

export interface PageOptions {
  /** The test page's path on the server (default the flame graph's). */
  page?: string;
  theme?: 'dark' | 'light';
  dpr?: number;
  width?: number;
  height?: number;
}

/** A page with the flame webview, recording what must never happen: console errors, page errors, dialogs. */
export interface FlamePage {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

export async function openFlamePage(browser: Browser, base: string, opts: PageOptions = {}): Promise<FlamePage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1000, height: opts.height ?? 600 },
    deviceScaleFactor: opts.dpr ?? 1,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // (The one warning tests cause themselves: reading canvas pixels back.)
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('willReadFrequently')) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${base}${opts.page ?? '/test/webview/pages/flame.html'}${opts.theme === 'light' ? '?theme=light' : ''}`);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  return { page, problems, close: () => context.close() };
}

/** Posts a message to the webview the way the host does (structured clone keeps the typed arrays). */
export async function post(page: Page, m: HostToFlame): Promise<void> {
  await page.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);
}

export async function init(page: Page, tree: FlameTree, extra: { state?: Partial<FlameViewState>; baseName?: string; profileName?: string } = {}): Promise<Summary> {
  const before = await page.evaluate(() => document.getElementById('flame-summary')?.dataset.summary ?? '');
  await post(page, { type: 'init', profileName: extra.profileName ?? 'test.pb.gz', tree, state: extra.state, baseName: extra.baseName });
  await page.waitForFunction((b) => (document.getElementById('flame-summary')?.dataset.summary ?? '') !== b, before);
  return summary(page);
}

/** What the webview says it drew (the page opts in with data-test-summary). */
export type { DrawnFrame } from '../../src/webview-ui/flame/flameView';

export interface Summary {
  nodes: number;
  state: FlameViewState;
  zoom: number;
  selected: number;
  diff: boolean;
  /** The matched share's text for `query` (computed just after the redraw: wait for pending to clear). */
  search: { query: string; status: string; pending: boolean; error: string };
  canvas: { width: number; height: number; cssWidth: number; cssHeight: number; dpr: number };
  main: DrawnFrame[];
  callers: DrawnFrame[];
  callees: DrawnFrame[];
}

export async function summary(page: Page): Promise<Summary> {
  const text = await page.evaluate(() => document.getElementById('flame-summary')?.dataset.summary ?? '');
  if (!text) throw new Error('the page wrote no summary');
  return JSON.parse(text) as Summary;
}

/** Runs an action and returns the summary written after it. */
export async function after(page: Page, action: () => Promise<unknown>): Promise<Summary> {
  const before = await page.evaluate(() => document.getElementById('flame-summary')?.dataset.summary ?? '');
  await action();
  await page.waitForFunction((b) => (document.getElementById('flame-summary')?.dataset.summary ?? '') !== b, before, { timeout: 5000 }).catch((err: Error) => {
    throw new Error(`the page did not redraw after ${action.toString().slice(0, 120)}`, { cause: err });
  });
  return summary(page);
}

/** Types a search and waits for its matched share. */
export async function search(page: Page, query: string): Promise<Summary> {
  await page.locator('.flame-search').fill(query);
  await page.waitForFunction((q) => {
    const s = JSON.parse(document.getElementById('flame-summary')?.dataset.summary ?? '{}');
    return s.search?.query === q && !s.search.pending;
  }, query);
  return summary(page);
}

export async function posted(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(() => (window as unknown as { __posted: Record<string, unknown>[] }).__posted);
}

/** Page coordinates of a drawn frame's centre, in the view ('main', 'callers' or 'callees'). */
export async function frameCenter(page: Page, f: DrawnFrame, view: 'main' | 'callers' | 'callees' = 'main'): Promise<{ x: number; y: number }> {
  const index = { main: 0, callers: 1, callees: 2 }[view];
  const box = await page.locator('canvas.flame-canvas').nth(index).boundingBox();
  if (!box) throw new Error(`canvas ${view} is not visible`);
  return { x: box.x + f.x + Math.min(f.w / 2, 40), y: box.y + f.y + 9 };
}

export function findFrame(frames: DrawnFrame[], name: string): DrawnFrame {
  const f = frames.find((x) => x.name === name);
  if (!f) throw new Error(`no drawn frame ${name}; drawn: ${[...new Set(frames.map((x) => x.name))].join(', ')}`);
  return f;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The RGB of the canvas at a point of the page (device pixels read back from the real canvas). */
export async function pixelAt(page: Page, x: number, y: number, view = 0): Promise<[number, number, number]> {
  return page.evaluate(
    ([px, py, v]) => {
      const c = document.querySelectorAll('canvas.flame-canvas')[v] as HTMLCanvasElement;
      const r = c.getBoundingClientRect();
      const scale = c.width / r.width;
      const ctx = c.getContext('2d')!;
      const d = ctx.getImageData(Math.floor((px - r.left) * scale), Math.floor((py - r.top) * scale), 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    [x, y, view] as const,
  );
}

// ---------------------------------------------------------------------------
// Trees from real profiles (Node side, as the language server builds them)

export function goldenTree(name: 'heap.pb.gz' | 'allocs.pb.gz'): FlameTree {
  return treeOf(fs.readFileSync(goldenPath(name)));
}

/** Per node, its function name. */
export function nameOf(tree: FlameTree, node: number): string {
  return tree.names[tree.name[node]];
}

/** Σ total of the outermost nodes named `fn` (a focus or sandwich root's value), computed by recursion as an oracle. */
export function outermostTotal(tree: FlameTree, pred: (name: string) => boolean, type: number): number {
  const types = tree.sampleTypes.length;
  const kids: number[][] = Array.from({ length: tree.parent.length }, () => []);
  for (let i = 1; i < tree.parent.length; i++) kids[tree.parent[i]].push(i);
  const walk = (n: number): number => (n > 0 && pred(nameOf(tree, n)) ? tree.total[n * types + type] : kids[n].reduce((s, c) => s + walk(c), 0));
  return walk(0);
}
