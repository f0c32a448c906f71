#!/usr/bin/env node
// Escape-analysis benchmark: what gomem adds to the go command's own time.
//
//   node test/bench/escape.mjs [--packages N] [--runs N] [--only module|save]
//
// Module: generated once into $TMPDIR/gomem-bench/escape-module-v1-N (N = 60
// packages by default, each importing another: structs, constructors,
// closures, interface conversions, appends, generics — ~420 lines a package,
// every tenth with a _test.go).
//
// 1. Overhead of the whole-module analysis: gomem's module run (`go test -c
//    -gcflags=./...=-m=2 -json=0,<fresh dir> -o /dev/null ./...`) timed as the go
//    command's wall time, and gomem's reading of its outputs (the -m text and
//    the JSON log → findings) timed on its own. Criterion: parse+map ≤ 5% of go.
// 2. Re-analysis after a save: one package edited, then gomem's language
//    server (dist/server.js over stdio, as an editor talks to it) asked for
//    that package until it answers — as VS Code asks after a save of a
//    non-test file: `testsUnchanged`, so `go build` (the package's first
//    analysis, not timed, ran `go test -c`) — against a plain `go build` of
//    the same package after the same kind of edit. Criterion: ≤ 1.5×. For a
//    package without tests and one with a _test.go.
// Medians of --runs runs (default 3 and 7); the machine is shared, so ratios,
// not absolute times, are the point. It is a benchmark: PASS/MISS are printed,
// the exit code is 0.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleSources, cacheDir, goEnv, median } from './profiles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const arg = (name, dflt) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const PACKAGES = arg('--packages', 60);
const MODULE_RUNS = arg('--runs', 3);
const SAVE_RUNS = arg('--runs', 7);
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const GO = process.env.GOMEM_GO || 'go';
const ENV = goEnv();
/** What the go command gets from gomem: the same, as an override of the inherited environment. */
const TOOLCHAIN = { env: { GOTOOLCHAIN: ENV.GOTOOLCHAIN, GOWORK: ENV.GOWORK, GOFLAGS: ENV.GOFLAGS } };
const ms = (x) => `${Math.round(x)} ms`;

async function main() {
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs; ${spawnSync(GO, ['version'], { encoding: 'utf8' }).stdout.trim()}`);
  const root = ensureModule(PACKAGES);
  const engine = await bundle();
  console.log('warming the build cache (go build ./...) …');
  run(GO, ['build', './...'], root);
  if (ONLY !== 'save') await moduleOverhead(engine, root);
  if (ONLY === 'module') return;
  await afterSave(root, 'p031', false);
  await afterSave(root, 'p040', true);
}

/** 1. go's time vs gomem's parse+map time for the whole module. */
async function moduleOverhead(engine, root) {
  const rows = [];
  for (let i = 0; i < MODULE_RUNS; i++) {
    const r = await engine.runCompiler(root, 'module', TOOLCHAIN);
    if (r.exitCode !== 0) throw new Error(`module build failed:\n${r.stderr.slice(-2000)}`);
    const a = engine.interpretRun(r, root);
    const json = r.logs.reduce((s, l) => s + l.text.length, 0);
    rows.push({ go: r.goMs, parse: a.parseMs, text: r.stderr.length, json, logs: r.logs.length, findings: a.findings.length, textOnly: a.textOnlyFiles.length });
    console.log(`  module run ${i + 1}: go ${ms(r.goMs)}, gomem parse+map ${ms(a.parseMs)} (${((a.parseMs / r.goMs) * 100).toFixed(1)}%)`);
  }
  const last = rows.at(-1);
  const go = median(rows.map((r) => r.go));
  const parse = median(rows.map((r) => r.parse));
  const ratio = median(rows.map((r) => r.parse / r.go));
  console.log(
    `module: ${PACKAGES} packages; -m=2 text ${(last.text / 2 ** 20).toFixed(1)} MB, ${last.logs} JSON logs ${(last.json / 2 ** 20).toFixed(1)} MB, ` +
      `${last.findings} findings (${last.textOnly} files from the text alone)`,
  );
  console.log(`RATIO module overhead: gomem parse+map / go = ${(ratio * 100).toFixed(1)}% (median go ${ms(go)}, parse+map ${ms(parse)})  ${ratio <= 0.05 ? 'PASS' : 'MISS'} (≤ 5%)`);
}

/** 2. One package re-analysed through the language server after an edit, vs go build of it after an edit. */
async function afterSave(root, pkg, hasTests) {
  const server = await startServer(root);
  const uri = pathToFileURL(path.join(root, pkg, 'a.go')).href;
  const gomem = [];
  const build = [];
  const toolchain = TOOLCHAIN;
  try {
    await server.request('gomem/escapeRun', { uri, scope: 'package', toolchain }); // opening the file: the full run
    for (let i = 0; i < SAVE_RUNS; i++) {
      edit(root, pkg);
      let t = performance.now();
      const r = await server.request('gomem/escapeRun', { uri, scope: 'package', toolchain, testsUnchanged: true });
      gomem.push(performance.now() - t);
      if (r.failure || r.exitCode !== 0) throw new Error(`gomem run failed: ${JSON.stringify(r).slice(0, 500)}`);
      edit(root, pkg);
      t = performance.now();
      run(GO, ['build', '-o', os.devNull, `./${pkg}`], root);
      build.push(performance.now() - t);
    }
  } finally {
    await server.close();
  }
  const ratio = median(gomem.map((g, i) => g / build[i]));
  console.log(
    `RATIO re-analysis of ${pkg} (${hasTests ? 'with' : 'no'} _test.go) after a save: gomem ${ms(median(gomem))} / go build ${ms(median(build))} = ${ratio.toFixed(2)}×  ` +
      `${ratio <= 1.5 ? 'PASS' : 'MISS'} (≤ 1.5×)`,
  );
}

/** Changes a constant of the package, as a save would (the compile cannot be a cache hit). */
function edit(root, pkg) {
  fs.writeFileSync(path.join(root, pkg, 'edit.go'), `package ${pkg}\n\n// Edit changes at every benchmark step.\nconst Edit = ${Date.now()}\n`);
}

// ---------------------------------------------------------------------------
// The generated module

function ensureModule(n) {
  const root = path.join(cacheDir, `escape-module-v1-${n}`);
  if (fs.existsSync(path.join(root, 'go.mod'))) return root;
  console.log(`generating a ${n}-package module in ${root} …`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'go.mod'), 'module example.com/bench\n\ngo 1.22\n');
  for (let i = 0; i < n; i++) {
    const pkg = `p${String(i).padStart(3, '0')}`;
    const dep = i > 0 ? `p${String(Math.floor(i / 2)).padStart(3, '0')}` : undefined;
    fs.mkdirSync(path.join(root, pkg));
    for (const [f, salt] of [['a', 0], ['b', 1], ['c', 2]]) fs.writeFileSync(path.join(root, pkg, `${f}.go`), goFile(pkg, dep, f, salt));
    if (i % 10 === 0) fs.writeFileSync(path.join(root, pkg, 'a_test.go'), testFile(pkg));
  }
  return root;
}

function goFile(pkg, dep, file, salt) {
  const fns = [];
  for (let k = 0; k < 10; k++) {
    const n = `${file.toUpperCase()}${k}`;
    fns.push(`
type Item${n} struct {
	ID   int
	Name string
	Tags []string
	next *Item${n}
}

// New${n} returns a pointer: the literal escapes.
func New${n}(id int, name string) *Item${n} {
	it := Item${n}{ID: id + ${salt}, Name: name}
	return &it
}

// Label boxes its fields for fmt.
func (it *Item${n}) Label() string { return fmt.Sprintf("%d:%s:%d", it.ID, it.Name, len(it.Tags)) }

// Collect${n} grows a slice of pointers.
func Collect${n}(n int) []*Item${n} {
	var out []*Item${n}
	for i := 0; i < n; i++ {
		out = append(out, New${n}(i, strings.Repeat("x", i%7)))
	}
	return out
}

// Counter${n} captures a variable by reference.
func Counter${n}() func() int {
	c := 0
	return func() int { c++; return c }
}

// Keep${n} leaks its parameter.
func Keep${n}(it *Item${n}) { sink${n} = it }

var sink${n} *Item${n}

// Box${n} converts to an interface.
func Box${n}(v int) any { return v * ${k + 3} }

// Local${n} keeps everything on the stack.
func Local${n}(a, b int) int {
	p := &Item${n}{ID: a}
	q := [8]int{a, b}
	return p.ID + q[1]
}

// Map${n} is generic.
func Map${n}[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}
`);
  }
  const imported = dep && file === 'a' ? dep : undefined;
  const use = imported ? `\n// Dep uses the package this one imports.\nfunc Dep() int { return ${imported}.LocalA0(1, 2) }\n` : '';
  return `// Package ${pkg} is generated for gomem's escape benchmark.\npackage ${pkg}\n\nimport (\n\t"fmt"\n\t"strings"${imported ? `\n\n\t"example.com/bench/${imported}"` : ''}\n)\n${fns.join('')}${use}`;
}

function testFile(pkg) {
  return `package ${pkg}\n\nimport "testing"\n\nfunc TestCollect(t *testing.T) {\n\tif got := len(CollectA0(3)); got != 3 {\n\t\tt.Fatalf("got %d", got)\n\t}\n}\n`;
}

// ---------------------------------------------------------------------------
// Plumbing

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** gomem's engine (runCompiler, interpretRun) bundled from the sources. */
async function bundle() {
  return require(await bundleSources('escape-bench', [
    "export { runCompiler } from './src/node/escape/runCompiler';",
    "export { interpretRun } from './src/node/escape/analyzeEscapes';",
  ]));
}

/** dist/server.js over stdio, as an editor starts it. */
async function startServer(root) {
  const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');
  const server = path.join(repo, 'dist', 'server.js');
  if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run node esbuild.mjs first');
  const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.listen();
  const rootUri = pathToFileURL(root).href;
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {}, initializationOptions: { trusted: true } });
  conn.sendNotification('initialized', {});
  return {
    request: (method, params) => conn.sendRequest(method, params),
    async close() {
      await conn.sendRequest('shutdown').catch(() => undefined);
      conn.sendNotification('exit');
      conn.dispose();
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

await main();
