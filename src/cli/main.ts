import { ProfileFormatError } from '../core/pprof/errors';
import { DEFAULT_MAX_DECOMPRESSED } from '../core/pprof/gunzip';
import { goPaths } from '../node/goEnv';
import { loadProfileFile } from '../node/loadProfile';
import { parseCommandArgs } from './commandArgs';
import { captureCommand } from './captureCommand';
import { escapeCommand } from './escapeCommand';
import { gctraceCommand } from './gctraceCommand';
import { goroutinesCommand } from './goroutinesCommand';
import { linesCommand } from './linesCommand';
import { topCommand } from './topCommand';
import { traceCommand } from './traceCommand';
import { USAGE, UsageError } from './usage';
import { watchCommand } from './watchCommand';

/** `gomem` entry point: parse, run, print; errors become a message and a non-zero exit. */
async function main(argv: string[]): Promise<string> {
  // capture takes a TARGET, not a profile FILE, and options of its own.
  if (argv[0] === 'capture') return captureCommand(argv.slice(1));
  // watch takes a TARGET and polls it until Ctrl-C or until it goes away.
  if (argv[0] === 'watch') return watchCommand(argv.slice(1));
  // escape takes a DIR (default .) and runs go.
  if (argv[0] === 'escape') return escapeCommand(argv.slice(1));
  // gctrace takes a text log, not a profile.
  if (argv[0] === 'gctrace') return gctraceCommand(argv.slice(1));
  const { values, positionals } = parseCommandLine(argv);
  const [cmd, file, source] = positionals;
  if (values.help || !cmd) return USAGE;
  if (cmd === 'goroutines') return goroutines(positionals.slice(1), values);
  if (!file) throw new UsageError(`${cmd} needs a ${cmd === 'trace' ? 'trace' : 'profile'} FILE`);
  const maxBytes = Number(process.env.GOMEM_MAX_PROFILE_BYTES) || DEFAULT_MAX_DECOMPRESSED;
  switch (cmd) {
    case 'top': {
      if (values.lines && values.functions) throw new UsageError('--lines and --functions exclude each other');
      const sort = values.sort ?? 'flat';
      if (sort !== 'flat' && sort !== 'cum') throw new UsageError('--sort takes flat or cum');
      const n = countOption(values.n, 0);
      const p = await loadProfileFile(file, maxBytes);
      return topCommand(p, file, {
        sampleType: values['sample-type'],
        granularity: values.lines ? 'lines' : 'functions',
        n,
        sort,
        json: values.json ?? false,
      });
    }
    case 'lines': {
      if (!source) throw new UsageError('lines needs FILE and SOURCE.go');
      const p = await loadProfileFile(file, maxBytes);
      return linesCommand(p, source, values['sample-type'], await goPaths({ runGo: true }));
    }
    case 'trace': {
      return traceCommand(file, { json: values.json ?? false, n: countOption(values.n, 1) });
    }
    case 'types': {
      const p = await loadProfileFile(file, maxBytes);
      return p.sampleTypes.map((t, i) => `${i === p.defaultSampleTypeIndex ? '*' : ' '} ${i} ${t.type} (${t.unit})`).join('\n');
    }
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

/** `gomem goroutines OLD NEW [MORE…]`: two or more goroutine profiles, any form. */
function goroutines(files: string[], values: { json?: boolean; n?: string }): Promise<string> {
  if (files.length < 2) throw new UsageError('goroutines needs two or more goroutine profiles: OLD NEW [MORE…]');
  const n = countOption(values.n, 1);
  const maxBytes = Number(process.env.GOMEM_MAX_PROFILE_BYTES) || DEFAULT_MAX_DECOMPRESSED;
  return goroutinesCommand(files, { json: values.json ?? false, n, maxBytes });
}

function parseCommandLine(argv: string[]) {
  return parseCommandArgs(argv, {
    'sample-type': { type: 'string' },
    lines: { type: 'boolean' },
    functions: { type: 'boolean' },
    n: { type: 'string' },
    sort: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
}

/** --n N: a count, at least `min`; undefined when not given. */
function countOption(v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= min)) throw new UsageError(min > 0 ? '--n takes a positive whole number' : '--n takes a whole number');
  return n;
}

main(process.argv.slice(2)).then(
  (out) => {
    process.stdout.write(out + '\n');
  },
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`gomem: ${err.message}\n\n${USAGE}\n`);
    else if (err instanceof ProfileFormatError) process.stderr.write(`gomem: ${err.message}\n`);
    else process.stderr.write(`gomem: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
