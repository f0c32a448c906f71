#!/usr/bin/env node
// Regenerate test/fixtures/golden/traces: real execution traces from the
// trace fixtures, recorded with each trace format's Go release, next to what
// `go tool trace -d=parsed` (the machine's Go) says about them:
//   NAME.trace        e.g. block-go1.22.trace: test/fixtures/trace-programs/block
//                     built with -trimpath by Go 1.22 (GOTOOLCHAIN downloads
//                     it through the module proxy when it is not installed)
//   old-go1.21.trace  test/fixtures/trace-old by Go 1.21: the old format gomem
//                     declines (no facts file)
//   NAME.facts.json   { producedBy, parsedBy, parsedSha256, parsedBytes, facts }:
//                     the SHA-256 of the full -d=parsed text (unit tests check
//                     that gomem prints the same events byte for byte) and the
//                     summary facts parsed from it (test/support/traceTools.ts)
// Traces are kept small (a fixture is re-run until its trace is under
// MAX_BYTES) so the repository stays light.
//
// Usage: node scripts/update-golden-traces.mjs [NAME…]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** The Go release that records each format version (header 23 is Go 1.23 and 1.24). */
const TOOLCHAINS = { 'go1.21': 'go1.21.13', 'go1.22': 'go1.22.12', 'go1.23': 'go1.23.12', 'go1.25': 'go1.25.5', 'go1.26': 'local' };
const MAX_BYTES = 128 << 10;
const ATTEMPTS = 10;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gomem-golden-traces-'));
try {
  const bundle = path.join(tmp, 'traceTools.cjs');
  await build({
    entryPoints: [path.join(root, 'test/support/traceTools.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
  const tools = createRequire(import.meta.url)(bundle);
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : [...tools.GOLDEN_TRACES, tools.OLD_FORMAT_TRACE];
  const parsedBy = await tools.goVersionOf();
  console.log(`parsing with ${parsedBy}`);
  if (!/go1\.26/.test(parsedBy)) console.warn('warning: the golden facts were made with Go 1.26; another version may print differently');
  fs.mkdirSync(path.dirname(tools.goldenTracePath('x')), { recursive: true });

  for (const name of names) {
    const [, fixture, release] = /^(\w+)-(go1\.\d+)$/.exec(name) ?? [];
    const toolchain = TOOLCHAINS[release];
    if (!fixture || !toolchain) throw new Error(`bad golden trace name ${name}`);
    const producedBy = await tools.goVersionOf(toolchain);
    const file = await smallTrace(tools, fixture, toolchain);
    const dest = tools.goldenTracePath(name);
    fs.copyFileSync(file, dest);
    if (name === tools.OLD_FORMAT_TRACE) {
      console.log(`${path.relative(root, dest)}: ${fs.statSync(dest).size} bytes (${producedBy})`);
      continue;
    }
    const text = await tools.goToolTraceParsed(dest);
    const facts = {
      producedBy,
      parsedBy,
      parsedSha256: createHash('sha256').update(text).digest('hex'),
      parsedBytes: Buffer.byteLength(text),
      facts: tools.parseParsedText(text),
    };
    fs.writeFileSync(tools.goldenFactsPath(name), JSON.stringify(facts, null, 1) + '\n');
    console.log(`${path.relative(root, dest)}: ${fs.statSync(dest).size} bytes, ${facts.facts.events} events (${producedBy})`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** Runs the fixture until it writes a trace under MAX_BYTES. */
async function smallTrace(tools, fixture, toolchain) {
  for (let i = 0; i < ATTEMPTS; i++) {
    const file = await tools.runTraceFixture(fixture, { toolchain, args: [], attempt: i });
    if (fs.statSync(file).size <= MAX_BYTES) return file;
  }
  throw new Error(`${fixture} (${toolchain}) wrote no trace under ${MAX_BYTES} bytes in ${ATTEMPTS} runs`);
}
