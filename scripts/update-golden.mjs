#!/usr/bin/env node
// Regenerate test/fixtures/golden: build test/fixtures/allocs with -trimpath
// (file names become import-path based, machine independent), run it, copy
// heap.pb.gz and allocs.pb.gz, and capture the oracle's text next to them:
//   NAME.raw.txt                      go tool pprof -raw
//   NAME.<sampletype>.top.txt         go tool pprof -top -nodefraction=0 -edgefraction=0 -nodecount=0 -sample_index=T [-unit=B]
//   NAME.<sampletype>.top-lines.txt   the same with -lines
// The flags come from test/support/goTools.ts (bundled here with esbuild), so
// the golden text is exactly what the tests' live oracle prints.
//
// Usage: node scripts/update-golden.mjs
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gomem-golden-'));
try {
  const bundle = path.join(tmp, 'goTools.cjs');
  await build({
    entryPoints: [path.join(root, 'test/support/goTools.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
  const go = createRequire(import.meta.url)(bundle);
  if (!go.goAvailable()) {
    console.error('update-golden: go not found on PATH');
    process.exit(1);
  }
  console.log(`using ${go.goVersion()}`);

  const run = await go.runAllocsFixture({ trimpath: true });
  console.log(`built and ran the allocs fixture with -trimpath: build ${run.buildMs} ms, run ${run.runMs} ms`);
  const goldenDir = path.join(root, 'test/fixtures/golden');
  fs.mkdirSync(goldenDir, { recursive: true });

  const wrote = [];
  const write = (name, data) => {
    const p = path.join(goldenDir, name);
    fs.writeFileSync(p, data);
    wrote.push(`${path.relative(root, p)} (${fs.statSync(p).size} bytes)`);
  };

  for (const [name, src] of [['heap', run.heap], ['allocs', run.allocs]]) {
    write(`${name}.pb.gz`, fs.readFileSync(src));
    const pb = path.join(goldenDir, `${name}.pb.gz`);
    const raw = await go.pprofRawText(pb);
    write(`${name}.raw.txt`, raw);
    const prof = go.parsePprofRaw(raw);
    for (const st of prof.sampleTypes) {
      for (const lines of [false, true]) {
        const { text } = await go.pprofTopText(pb, { sampleIndex: st.type, lines });
        const report = go.parsePprofTop(text);
        if (report.droppedNodes !== 0) throw new Error(`${name} ${st.type}: pprof dropped ${report.droppedNodes} nodes`);
        write(`${name}.${st.type}.${lines ? 'top-lines' : 'top'}.txt`, text);
      }
    }
  }
  console.log(`wrote ${wrote.length} files:`);
  for (const w of wrote) console.log(`  ${w}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
