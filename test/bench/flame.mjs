#!/usr/bin/env node
// Flame graph webview benchmark, in headless Chromium, against speedscope on the same file.
//
//   node test/bench/flame.mjs                 small (≈260k-node tree) and medium (≈2M-node tree) profiles
//   node test/bench/flame.mjs --quick         small profile only, 2 runs
//   options: --runs N, --profiles small,medium, --speedscope DIR (speedscope's dist/release; default
//            /tmp/speedscope/node_modules/speedscope/dist/release, from
//            `npm install --prefix /tmp/speedscope speedscope`), --no-speedscope,
//            --no-renderers (skip the 2D / pixels / WebGL comparison)
//
// Profiles: real Go heap profiles from test/bench/gen (see decode.mjs), cached in
// $TMPDIR/gomem-bench; the medium one is the file `npm run bench` uses. The flame
// tree is built in Node as the language server builds it (decode + tables +
// buildFlameTree, unpruned) and handed to the webview's test page
// (test/webview/pages/flame-bench.html: the host's CSP, no test summary) the way the
// host does: window.postMessage({type:'init', tree}) with typed arrays. The
// server-side build is also timed as the server runs it, once per process
// right after loading the profile: median of fresh child processes.
//
// The page times itself with performance.now(): the webview records User Timing
// measures gomem-flame:first-paint (message handler entry → canvas drawn) and
// gomem-flame:render (each redraw), read here through a PerformanceObserver; input
// → next animation frame is measured from the event's timeStamp to a
// requestAnimationFrame callback registered after the app's handlers ran, the
// same way for gomem and speedscope. Timings are medians over runs; compare ratios.
//
// A screenshot of each profile's graph lands in test-results/webview/flame-bench-<profile>.png.
// It is a benchmark, not a test: PASS/MISS are printed, the exit code is 0.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSources, cacheDir, ensureProfileFile, GEN_VERSION, goCommand, goEnv, median, run } from './profiles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
/** Allocations of test/bench/gen for the small profile (its flame tree has about 260k nodes); medium is profiles.mjs's. */
const SMALL_ALLOCATIONS = 11_000;
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const quick = argv.includes('--quick');
const runs = Number(opt('--runs', quick ? 2 : 3));
const speedscopeDir = argv.includes('--no-speedscope') ? null : opt('--speedscope', '/tmp/speedscope/node_modules/speedscope/dist/release');
const CHROMIUM = process.env.GOMEM_CHROMIUM ?? '/usr/bin/chromium';

const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a');
const n = (v) => v.toLocaleString('en');

// ---------------------------------------------------------------------------
// Setup: bundles, profiles, trees

function buildWebview() {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node esbuild.mjs failed');
}

async function nodeBundle() {
  const file = await bundleSources('flame-bench', [
        "export { decodeProfile } from './src/core/pprof/decode';",
        "export { buildTables } from './src/core/pprof/tables';",
        "export { buildFlameTree } from './src/core/pprof/flameTree';",
        "export { zlibGunzip } from './src/node/zlibGunzip';",
        "export { loadProfileFile } from './src/node/loadProfile';",
      ]);
  return Object.assign(require(file), { bundleFile: file });
}

/**
 * buildFlameTree as the language server runs it: once, in a process that has
 * just loaded the profile (cold code, the load's garbage around), each run in
 * a fresh child; the median of `runs`. The in-process number above is one
 * such run and swings widely.
 */
function serverTreeMs(bundleFile, file, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-tree', file, bundleFile], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tree child failed: ${r.stderr}`);
    out.push(JSON.parse(r.stdout.trim().split('\n').pop()).treeMs);
  }
  return { median: median(out), min: Math.min(...out), max: Math.max(...out), runs };
}

async function childTree(file, bundleFile) {
  const lib = require(bundleFile);
  const profile = await lib.loadProfileFile(file);
  const functions = lib.buildTables(profile).functions;
  const t0 = performance.now();
  lib.buildFlameTree(profile, functions);
  process.stdout.write(`${JSON.stringify({ treeMs: performance.now() - t0 })}\n`);
}

/** The cached profile `name`: medium is shared with the other benchmarks; small is made here the same way. */
function ensureProfile(name) {
  if (name !== 'small') return ensureProfileFile(name);
  const file = path.join(cacheDir, `heap-flame-n${SMALL_ALLOCATIONS}-v${GEN_VERSION}.pb.gz`);
  if (fs.existsSync(file)) return file;
  const go = goCommand();
  if (!go) throw new Error('go is needed to generate the benchmark profiles (set GOMEM_GO or put go on PATH)');
  fs.mkdirSync(cacheDir, { recursive: true });
  const bin = path.join(cacheDir, 'gen');
  console.log(`generating ${path.basename(file)} (test/bench/gen -n ${SMALL_ALLOCATIONS}) …`);
  run(go, ['build', '-o', bin, '.'], { cwd: path.join(here, 'gen'), env: goEnv() });
  run(bin, ['-n', String(SMALL_ALLOCATIONS), '-o', `${file}.tmp`], { stdio: ['ignore', 'inherit', 'inherit'] });
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

/** Builds the flame tree in Node (timed) and packs it for the page: JSON meta + one binary of all columns. */
function treeFor(lib, file) {
  const bytes = fs.readFileSync(file);
  const t0 = performance.now();
  const profile = lib.decodeProfile(bytes, { gunzip: lib.zlibGunzip });
  const functions = lib.buildTables(profile).functions;
  const t1 = performance.now();
  const tree = lib.buildFlameTree(profile, functions);
  const t2 = performance.now();
  const columns = [];
  const parts = [];
  let offset = 0;
  // Float columns first, so every view starts 8-byte aligned.
  for (const name of ['total', 'self', 'parent', 'depth', 'name', 'file', 'line']) {
    const a = tree[name];
    columns.push({ name, type: a instanceof Float64Array ? 'f64' : 'i32', offset, length: a.length });
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    offset += a.byteLength;
  }
  let maxDepth = 0;
  for (const d of tree.depth) if (d > maxDepth) maxDepth = d;
  return {
    nodes: tree.parent.length,
    maxDepth,
    gzBytes: bytes.length,
    nodeSeconds: { decode: (t1 - t0) / 1000, tree: (t2 - t1) / 1000 },
    meta: Buffer.from(JSON.stringify({ sampleTypes: tree.sampleTypes, names: tree.names, files: tree.files, columns })),
    bin: Buffer.concat(parts),
    sampleTypes: tree.sampleTypes.map((t) => t.type),
    names: tree.names.length,
  };
}

// ---------------------------------------------------------------------------
// Server

function startServer(files) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm' };
  const roots = [
    ['/dist/webview/', path.join(repo, 'dist/webview')],
    ['/media/', path.join(repo, 'media')],
    ['/test/webview/pages/', path.join(repo, 'test/webview/pages')],
    ...(speedscopeDir ? [['/speedscope/', speedscopeDir]] : []),
  ];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const mem = files[url.pathname];
    if (mem) return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': mem.length }).end(mem);
    for (const [prefix, dir] of roots) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.join(dir, path.normalize(url.pathname.slice(prefix.length)));
      if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
        return void fs.createReadStream(file).pipe(res);
      }
    }
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

// ---------------------------------------------------------------------------
// In the page

/** Installed in every page: input → next animation frame latencies, and the webview's measures. */
function installProbes() {
  window.__lat = [];
  window.__measures = [];
  for (const type of ['click', 'dblclick', 'keydown', 'input', 'change']) {
    // Bubble phase on window: the app's own handlers have run (and queued their frames) first.
    window.addEventListener(type, (e) => {
      const at = e.timeStamp;
      requestAnimationFrame(() => window.__lat.push({ type, ms: performance.now() - at }));
    });
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__measures.push({ name: e.name, ms: e.duration, end: e.startTime + e.duration, detail: e.detail });
  }).observe({ type: 'measure' });
}

/** Fetches the packed tree, posts it as the host does, resolves after the first paint and the next frame. */
async function loadTree(base) {
  const [meta, buf] = await Promise.all([fetch(`${base}.json`).then((r) => r.json()), fetch(`${base}.bin`).then((r) => r.arrayBuffer())]);
  const tree = { sampleTypes: meta.sampleTypes, names: meta.names, files: meta.files };
  for (const c of meta.columns) {
    const Ctor = c.type === 'f64' ? Float64Array : Int32Array;
    tree[c.name] = new Ctor(buf, c.offset, c.length).slice(); // own buffers, like the host's
  }
  const painted = new Promise((resolve) => {
    const check = () => {
      const m = window.__measures.find((x) => x.name === 'gomem-flame:first-paint');
      if (m) requestAnimationFrame(() => resolve({ m, frame: performance.now() }));
      else setTimeout(check, 1);
    };
    check();
  });
  const posted = performance.now();
  window.postMessage({ type: 'init', profileName: 'bench.pb.gz', tree, state: { sampleTypeIndex: 1 } }, '*');
  const { m, frame } = await painted;
  return { handlerToPaint: m.ms, postToPaint: m.end - posted, postToFrame: frame - posted, nodes: m.detail?.nodes };
}

// ---------------------------------------------------------------------------
// Runs

async function gomemRun(browser, base, packedName) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(installProbes);
  await page.goto(`${base}/test/webview/pages/flame-bench.html`);
  await page.waitForFunction(() => window.__posted?.length > 0);
  // Chromium's trace gives each event's thread (CPU) time next to its wall time: on a busy machine
  // the wall time says as much about the other processes as about the page.
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  const first = await page.evaluate(loadTree, `/bench/${packedName}`);
  const canvas = await page.locator('canvas.flame-canvas').first().boundingBox();
  const renders = async (from) => (await page.evaluate(() => window.__measures)).slice(from).filter((m) => m.name === 'gomem-flame:render');
  const count = () => page.evaluate(() => window.__measures.length);
  const lat = () => page.evaluate(() => window.__lat.splice(0));
  await lat();

  // Zoom: click frames at spread positions on rows 1–6, then Esc back out.
  let from = await count();
  for (let k = 0; k < 24; k++) {
    const x = canvas.x + 4 + ((k * 0.618) % 1) * (canvas.width - 8);
    const y = canvas.y + (1 + (k % 6)) * 18 + 9;
    await page.mouse.click(x, y);
    await page.keyboard.press('Escape');
  }
  await page.waitForTimeout(50);
  const zoom = (await renders(from)).map((m) => m.ms);
  const zoomLat = (await lat()).filter((l) => l.type === 'click').map((l) => l.ms);

  // Search: regexes that match a little, a lot, nothing.
  from = await count();
  const queries = ['leaf', 'f1', 'f[0-9]+$', 'runtime\\.', 'main\\.f(1|2|3)\\b', 'mallocgc', 'nomatch_xyz', 'fmt|strings', 'f4', '^main'];
  for (const q of queries) await page.locator('.flame-search').fill(q);
  await page.locator('.flame-search').fill('');
  await page.waitForTimeout(50);
  const search = (await renders(from)).map((m) => m.ms);
  const searchLat = (await lat()).filter((l) => l.type === 'input').map((l) => l.ms);

  // Sample type switch (a new layout), then focus and sandwich (new derived trees) on a frame of row 3.
  await page.locator('.flame-toolbar select').selectOption('3');
  await page.locator('.flame-toolbar select').selectOption('1');
  await page.waitForTimeout(50);
  const typeLat = (await lat()).filter((l) => l.type === 'change').map((l) => l.ms);
  const select = () => page.mouse.click(canvas.x + canvas.width / 2, canvas.y + 3 * 18 + 9, { button: 'right' });
  await select();
  await page.keyboard.press('f');
  await page.keyboard.press('u');
  await select();
  await page.keyboard.press('s');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(50);
  const keyLat = (await lat()).filter((l) => l.type === 'keydown').map((l) => l.ms);
  const drawn = await page.evaluate(() => window.__measures.filter((m) => m.name === 'gomem-flame:render').map((m) => m.detail?.frames ?? 0));
  const shots = path.join(repo, 'test-results', 'webview');
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `flame-bench-${packedName}.png`) });
  const cpu = eventCpu(JSON.parse((await browser.stopTracing()).toString()));
  await context.close();
  // The last four keys: f (focus), u (undo), s (sandwich), Esc.
  return { first, zoom, zoomLat, search, searchLat, typeLat, focusLat: keyLat.at(-4), sandwichLat: keyLat.at(-2), maxFrames: Math.max(...drawn), errors, cpu };
}

/**
 * Thread (CPU) time of the page's event handlers, from the trace's HandlePostMessage and EventDispatch events, in ms by
 * event type: message = receiving the tree (deserializing it included) through the first paint; handler = the
 * webview's listener inside it (its FunctionCall events; it reads e.data, which deserializes it);
 * click = zoom; keydown = Esc (zoom out) …, then the last four: focus, undo, sandwich, Esc; input = search; change = sample type.
 */
function eventCpu(trace) {
  const out = {};
  for (const e of trace.traceEvents ?? trace) {
    // A window.postMessage arrives as HandlePostMessage (deserializing the data and running the handler).
    const type = e.name === 'HandlePostMessage' ? 'message' : e.name === 'EventDispatch' && e.args?.data?.type;
    if (!type || e.tdur === undefined) continue;
    (out[type] ??= []).push({ ts: e.ts, cpu: e.tdur / 1000, wall: e.dur / 1000 });
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.ts - b.ts);
  // The webview's message listener within it (the data is deserialized when the listener first reads it).
  const calls = (trace.traceEvents ?? trace).filter((e) => e.name === 'FunctionCall' && e.tdur !== undefined);
  out.handler = (out.message ?? []).map((m) => {
    const inside = calls.filter((c) => c.ts >= m.ts && c.ts <= m.ts + m.wall * 1000);
    return { ts: m.ts, cpu: inside.reduce((sum, c) => sum + c.tdur / 1000, 0), wall: inside.reduce((sum, c) => sum + c.dur / 1000, 0) };
  });
  return out;
}

async function speedscopeRun(browser, base, profileName) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(installProbes);
  const url = `${base}/speedscope/index.html#profileURL=${encodeURIComponent(`${base}/bench/${profileName}`)}&view=left-heavy`;
  await page.goto(url);
  await page.waitForFunction(() => / - speedscope$/.test(document.title), null, { timeout: 600_000 });
  const loaded = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
  const box = await page.locator('canvas').first().boundingBox();
  await page.evaluate(() => window.__lat.splice(0));
  for (let k = 0; k < 12; k++) {
    const x = box.x + 4 + ((k * 0.618) % 1) * (box.width - 8);
    await page.mouse.dblclick(x, box.y + 60 + (k % 6) * 20);
    await page.keyboard.press('Escape');
  }
  await page.waitForTimeout(100);
  const zoomLat = (await page.evaluate(() => window.__lat)).filter((l) => l.type === 'dblclick').map((l) => l.ms);
  await context.close();
  return { loaded, zoomLat };
}

function speedscopeVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(speedscopeDir, '../../package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------
// Renderer choice: the same boxes drawn three ways in this browser

/** In the page: `count` boxes like a bushy profile's root view (most of them slivers), drawn 15 times each way. */
function drawBoxesThreeWays(count) {
  const W = 1400;
  const H = 810;
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const xs = new Float32Array(count);
  const ys = new Int32Array(count);
  const ws = new Float32Array(count);
  const cs = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    ws[i] = rnd() < 0.9 ? 0.5 + rnd() * 1.5 : 2 + rnd() * 48;
    xs[i] = rnd() * (W - ws[i]);
    ys[i] = Math.floor(rnd() * 45) * 18;
    cs[i] = Math.floor(rnd() * 128);
  }
  const css = Array.from({ length: 128 }, (_, i) => `hsl(${(i * 37) % 360} 50% 35%)`);
  const px32 = Array.from({ length: 128 }, (_, i) => 0xff000000 | ((i * 2) << 16) | ((i * 5) << 8) | (i * 7));
  const median = (f) => {
    const t = [];
    for (let k = 0; k < 15; k++) {
      const t0 = performance.now();
      f();
      t.push(performance.now() - t0);
    }
    return t.sort((a, b) => a - b)[7];
  };
  const canvas = (ctxType, opts) => {
    const c = document.createElement('canvas');
    c.width = W;
    c.height = H;
    document.body.append(c);
    return c.getContext(ctxType, opts);
  };
  const c2 = canvas('2d', { alpha: false });
  const fillRect = median(() => {
    c2.fillStyle = '#1e1e1e';
    c2.fillRect(0, 0, W, H);
    for (let i = 0; i < count; i++) {
      c2.fillStyle = css[cs[i]];
      c2.fillRect(Math.round(xs[i]), ys[i], Math.max(1, Math.round(ws[i])), 17);
    }
    c2.getImageData(0, 0, 1, 1);
  });
  const c3 = canvas('2d', { alpha: false });
  const img = c3.createImageData(W, H);
  const px = new Uint32Array(img.data.buffer);
  const pixels = median(() => {
    px.fill(0xff1e1e1e);
    for (let i = 0; i < count; i++) {
      const x0 = Math.round(xs[i]);
      const x1 = Math.max(x0 + 1, Math.round(xs[i] + ws[i]));
      const c = px32[cs[i]];
      for (let y = ys[i]; y < ys[i] + 17; y++) for (let j = y * W + x0, e = y * W + x1; j < e; j++) px[j] = c;
    }
    c3.putImageData(img, 0, 0);
    c3.getImageData(0, 0, 1, 1);
  });
  const gl = canvas('webgl2', { antialias: false });
  let webgl = NaN;
  let renderer = 'no WebGL2';
  if (gl) {
    const dbg = gl.getExtension('WEBGL_debug_renderer_info');
    renderer = String(dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    const shader = (type, src) => {
      const s = gl.createShader(type);
      gl.shaderSource(s, src);
      gl.compileShader(s);
      return s;
    };
    const prog = gl.createProgram();
    gl.attachShader(prog, shader(gl.VERTEX_SHADER, '#version 300 es\nin vec2 k; in vec4 r; in float c; uniform vec2 s; out float v;\nvoid main(){ v = c; vec2 p = r.xy + k * r.zw; gl_Position = vec4(p / s * vec2(2., -2.) + vec2(-1., 1.), 0., 1.); }'));
    gl.attachShader(prog, shader(gl.FRAGMENT_SHADER, '#version 300 es\nprecision mediump float; in float v; out vec4 o;\nvoid main(){ o = vec4(v / 128., .3, .4, 1.); }'));
    gl.linkProgram(prog);
    gl.useProgram(prog);
    gl.bindVertexArray(gl.createVertexArray());
    gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0, 0, 1, 0, 0, 1, 1, 1]), gl.STATIC_DRAW);
    const attr = (name, size, stride, offset, divisor) => {
      const loc = gl.getAttribLocation(prog, name);
      gl.enableVertexAttribArray(loc);
      gl.vertexAttribPointer(loc, size, gl.FLOAT, false, stride, offset);
      gl.vertexAttribDivisor(loc, divisor);
    };
    attr('k', 2, 0, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
    attr('r', 4, 20, 0, 1);
    attr('c', 1, 20, 16, 1);
    gl.uniform2f(gl.getUniformLocation(prog, 's'), W, H);
    const inst = new Float32Array(count * 5);
    const one = new Uint8Array(4);
    webgl = median(() => {
      for (let i = 0; i < count; i++) inst.set([xs[i], ys[i], ws[i], 17, cs[i]], i * 5);
      gl.bufferData(gl.ARRAY_BUFFER, inst, gl.DYNAMIC_DRAW);
      gl.clearColor(0.12, 0.12, 0.12, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, count);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, one);
    });
  }
  return { fillRect, pixels, webgl, renderer };
}

async function rendererChoice(browser, count) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.setContent('<!DOCTYPE html><body></body>');
  const r = await page.evaluate(drawBoxesThreeWays, count);
  await page.context().close();
  console.log(
    `renderer choice, ${n(count)} boxes (90% slivers of 0.5–2 px) per draw, 1400×810, median of 15: ` +
      `canvas 2D fillRect ${ms(r.fillRect)}, pixels into ImageData + one putImageData ${ms(r.pixels)} (what gomem does), ` +
      `WebGL2 instanced quads ${ms(r.webgl)} (${r.renderer}; labels would still need a 2D canvas)`,
  );
}

// ---------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  buildWebview();
  const lib = await nodeBundle();
  const { chromium } = require('playwright-core');
  const names = opt('--profiles', quick ? 'small' : 'small,medium').split(',');
  const files = {};
  const profiles = names.map((name) => {
    const file = ensureProfile(name);
    const t = treeFor(lib, file);
    files[`/bench/${name}.json`] = t.meta;
    files[`/bench/${name}.bin`] = t.bin;
    files[`/bench/${name}.pb.gz`] = fs.readFileSync(file);
    console.log(
      `profile ${name}: ${(t.gzBytes / 1e6).toFixed(2)} MB gz → flame tree of ${n(t.nodes)} nodes (max depth ${t.maxDepth}, ${t.names} names, ` +
        `types ${t.sampleTypes.join(', ')}; ${(t.bin.length / 1e6).toFixed(0)} MB of columns)  ${file}`,
    );
    console.log(`  Node (language server side): decode + tables ${(t.nodeSeconds.decode * 1000).toFixed(0)} ms, buildFlameTree ${(t.nodeSeconds.tree * 1000).toFixed(0)} ms`);
    const server = serverTreeMs(lib.bundleFile, file, Math.max(3, runs));
    return { name, file, ...t, server };
  });
  const ss = speedscopeDir && fs.existsSync(path.join(speedscopeDir, 'index.html'));
  if (speedscopeDir && !ss) console.log(`speedscope not found at ${speedscopeDir} (npm install --prefix /tmp/speedscope speedscope); skipping it`);
  const { server, url } = await startServer(files);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const version = browser.version();
  const results = [];
  try {
    if (!argv.includes('--no-renderers')) await rendererChoice(browser, 11_000);
    for (const p of profiles) {
      console.log(`\n== ${p.name}: ${runs} runs ==`);
      const g = [];
      const s = [];
      for (let r = 0; r < runs; r++) {
        const run = await gomemRun(browser, url, p.name);
        g.push(run);
        console.log(
          `  run ${r + 1} gomem      first paint ${ms(run.first.handlerToPaint)} (post → drawn ${ms(run.first.postToPaint)}, → next frame ${ms(run.first.postToFrame)}); ` +
            `zoom ${ms(median(run.zoom))} (${run.zoom.length}), search ${ms(median(run.search))} (${run.search.length})${run.errors.length ? `  ERRORS: ${run.errors.join('; ')}` : ''}`,
        );
        if (ss) {
          const sr = await speedscopeRun(browser, url, `${p.name}.pb.gz`);
          s.push(sr);
          console.log(`  run ${r + 1} speedscope load → drawn ${ms(sr.loaded)}, double-click zoom → next frame ${ms(median(sr.zoomLat))}`);
        }
      }
      results.push({ p, g, s });
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\nChromium ${version} headless, --disable-gpu (CPU raster; WebGL on SwiftShader), viewport 1400×900, dpr 1; medians over ${runs} runs; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs\n`);
  for (const { p, g, s } of results) report(p, g, s);
}

function report(p, g, s) {
  const all = (k) => g.flatMap((r) => r[k]);
  const first = median(g.map((r) => r.first.handlerToPaint));
  const postToPaint = median(g.map((r) => r.first.postToPaint));
  const postToFrame = median(g.map((r) => r.first.postToFrame));
  const zoom = median(all('zoom'));
  const search = median(all('search'));
  const zoomLat = median(all('zoomLat'));
  const nodeMs = (p.nodeSeconds.decode + p.nodeSeconds.tree) * 1000;
  const mark = (v, limit) => (v < limit ? 'PASS' : 'MISS');
  console.log(`${p.name}: ${n(p.nodes)} nodes (${(p.gzBytes / 1e6).toFixed(2)} MB profile), at most ${n(Math.max(...g.map((r) => r.maxFrames)))} frames drawn per redraw`);
  const st = p.server;
  console.log(`  server: buildFlameTree, fresh process  ${ms(st.median).padStart(10)}  [${mark(st.median, 300)} < 300 ms]   median of ${st.runs}, ${ms(st.min)}–${ms(st.max)}`);
  console.log(`  first paint after the data arrives      ${ms(first).padStart(10)}  [${mark(first, 100)} < 100 ms]   post → drawn ${ms(postToPaint)} (incl. structured clone), → next frame ${ms(postToFrame)}`);
  console.log(`  zoom redraw (median of ${all('zoom').length})            ${ms(zoom).padStart(10)}  [${mark(zoom, 16)} < 16 ms]    p95 ${ms(p95(all('zoom')))}; click → next frame ${ms(zoomLat)}`);
  console.log(`  search redraw (median of ${all('search').length})           ${ms(search).padStart(10)}  [${mark(search, 16)} < 16 ms]    p95 ${ms(p95(all('search')))}; keystroke → next frame ${ms(median(all('searchLat')))}`);
  console.log(`  sample type switch (new layout) → next frame ${ms(median(all('typeLat')))}; focus → ${ms(median(g.map((r) => r.focusLat)))}; sandwich → ${ms(median(g.map((r) => r.sandwichLat)))}`);
  const cpu = (type, pick = (l) => l) => median(g.flatMap((r) => pick(r.cpu[type] ?? []).map((x) => x.cpu)));
  const zoomOut = (l) => l.slice(0, 24);
  console.log(
    `  CPU time of the page's handlers (trace thread time, not disturbed by other processes): receive + first paint ${ms(cpu('message'))} ` +
      `(the webview's listener: ${ms(cpu('handler'))}, deserializing the data on first access included), ` +
      `zoom (click) ${ms(cpu('click'))}, zoom out (Esc) ${ms(cpu('keydown', zoomOut))}, search (input) ${ms(cpu('input'))}, ` +
      `sample type ${ms(cpu('change'))}, focus ${ms(cpu('keydown', (l) => l.slice(-4, -3)))}, sandwich ${ms(cpu('keydown', (l) => l.slice(-2, -1)))}`,
  );
  console.log(`  gomem end to end (Node decode + tree ${nodeMs.toFixed(0)} ms, then post → drawn): ${ms(nodeMs + postToPaint)}`);
  if (s.length) {
    const load = median(s.map((r) => r.loaded));
    const ssZoom = median(s.flatMap((r) => r.zoomLat));
    console.log(`  speedscope ${speedscopeVersion()} (same file, left-heavy): load → drawn ${ms(load)}; double-click zoom → next frame ${ms(ssZoom)}`);
    console.log(
      `  ratio speedscope / gomem: first display ×${(load / (nodeMs + postToPaint)).toFixed(1)} (end to end), ×${(load / first).toFixed(0)} (webview only); ` +
        `zoom, input → next frame ×${(ssZoom / zoomLat).toFixed(2)}`,
    );
  }
  console.log('');
}

if (argv[0] === '--child-tree') await childTree(argv[1], argv[2]);
else await main();
