import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { compareFindings, type EscapeFinding } from '../core/escape/finding';
import { DEFAULT_KINDS, ESCAPE_KINDS, isEscapeKind, type EscapeKind } from '../core/escape/kinds';
import { measureInfo } from '../core/escape/profileMeasure';
import { siteMeasure, measureLabel, type MeasureInfo, type SiteMeasure } from '../core/escape/siteCost';
import { formatValue } from '../core/format/units';
import { createSourceResolver } from '../core/paths/resolveSource';
import { DEFAULT_MAX_DECOMPRESSED } from '../core/pprof/gunzip';
import { analyzeEscapes, type EscapeAnalysis } from '../node/escape/analyzeEscapes';
import { goPaths } from '../node/goEnv';
import { rootFor } from '../node/moduleRoot';
import { loadProfile } from '../server/loadedProfile';
import { renderTable } from './table';
import { parseCommandArgs } from './commandArgs';
import { UsageError } from './usage';

/**
 * `gomem escape [DIR] [--module] [--json] [--profile FILE] [--kinds K,…|all] [--no-tests]`:
 * the editor's escape analysis for the package in DIR (or its whole module),
 * printed; with a profile, each finding carries the bytes and objects
 * measured on its line and the list is ordered by bytes.
 */
export async function escapeCommand(argv: string[]): Promise<string> {
  const opts = parseEscapeArgs(argv);
  const a = await analyzeEscapes(opts.dir, opts.module ? 'module' : 'package', { includeTests: opts.tests });
  if (a.exitCode !== 0 && a.findings.length === 0) throw new Error(`go ${a.args.join(' ')} failed:\n${a.buildErrors.join('\n')}`);
  const info = opts.profile ? await profileMeasure(opts.profile, a.root) : undefined;
  const rows = a.findings.filter((f) => opts.kinds.includes(f.kind)).map((f) => row(f, info));
  if (info) rows.sort((x, y) => (y.bytes ?? 0) - (x.bytes ?? 0) || compareFindings(x.finding, y.finding));
  if (opts.json) return JSON.stringify(rows.map(({ finding: f, bytes, objects }) => ({ file: f.file, line: f.line, column: f.column, kind: f.kind, message: f.message, ...(info ? { bytes, objects } : {}) })), null, 2);
  return textReport(a, rows, info);
}

interface Row {
  finding: EscapeFinding;
  bytes?: number;
  objects?: number;
}

/** A finding and, with a profile, what its line allocated (for heap escapes; 0 for the other kinds' lines too, as measured). */
function row(f: EscapeFinding, info: MeasureInfo | undefined): Row {
  const line = info?.measure(f.file, f.line);
  const m: SiteMeasure | undefined = line && siteMeasure(line, f.inlinedFrom.length > 0);
  return { finding: f, bytes: info ? (m?.bytes ?? 0) : undefined, objects: info ? (m?.objects ?? 0) : undefined };
}

function textReport(a: EscapeAnalysis, rows: Row[], info: MeasureInfo | undefined): string {
  const where = (f: EscapeFinding) => `${relative(process.cwd(), f.file) || f.file}:${f.line}:${f.column}`;
  const head = [`${a.scope === 'module' ? 'Module' : 'Package'} ${a.dir}: ${rows.length} findings (go ${Math.round(a.goMs)} ms)`];
  if (a.exitCode !== 0) head.push(`Build failed; findings of the packages that compiled:\n  ${a.buildErrors.join('\n  ')}`);
  if (info) head.push(`Measured: ${info.sampleType}, total ${formatValue(info.total, 'bytes')}`);
  const cells = rows.map((r) => (info ? [measured(r, info), where(r.finding), r.finding.kind, r.finding.message] : [where(r.finding), r.finding.kind, r.finding.message]));
  const header = info ? ['bytes', 'place', 'kind', 'message'] : ['place', 'kind', 'message'];
  return [...head, renderTable(header, cells)].join('\n');
}

function measured(r: Row, info: MeasureInfo): string {
  return r.bytes ? measureLabel({ bytes: r.bytes, objects: r.objects }, info) : '.';
}

/** The profile's per-line values, its source paths resolved against the module (and GOROOT, GOMODCACHE). */
async function profileMeasure(file: string, root: string): Promise<MeasureInfo> {
  const go = await goPaths({ runGo: true });
  const resolver = createSourceResolver({ roots: [rootFor(root)], ...go, substitutions: [], exists: existsSync });
  const maxBytes = Number(process.env.GOMEM_MAX_PROFILE_BYTES) || DEFAULT_MAX_DECOMPRESSED;
  const info = measureInfo(await loadProfile('cli', file, maxBytes, resolver));
  if (!info) throw new UsageError(`${file} has no bytes-valued sample type (alloc_space, inuse_space…) to join with`);
  return info;
}

interface EscapeArgs {
  dir: string;
  module: boolean;
  json: boolean;
  tests: boolean;
  profile?: string;
  kinds: EscapeKind[];
}

function parseEscapeArgs(argv: string[]): EscapeArgs {
  const { values, positionals } = parse(argv);
  if (positionals.length > 1) throw new UsageError('escape takes at most one DIR');
  const dir = resolve(positionals[0] ?? '.');
  if (!existsSync(dir)) throw new UsageError(`no such directory: ${positionals[0]}`);
  return { dir, module: !!values.module, json: !!values.json, tests: !values['no-tests'], profile: values.profile, kinds: parseKinds(values.kinds) };
}

function parseKinds(arg: string | undefined): EscapeKind[] {
  if (arg === undefined) return [...DEFAULT_KINDS];
  if (arg === 'all') return [...ESCAPE_KINDS];
  const kinds = arg.split(',').map((k) => k.trim());
  const bad = kinds.filter((k) => !isEscapeKind(k));
  if (bad.length) throw new UsageError(`unknown kind ${bad.join(', ')}; kinds are ${ESCAPE_KINDS.join(', ')} (or all)`);
  return kinds as EscapeKind[];
}

function parse(argv: string[]) {
  return parseCommandArgs(argv, {
    module: { type: 'boolean' },
    json: { type: 'boolean' },
    profile: { type: 'string' },
    kinds: { type: 'string' },
    'no-tests': { type: 'boolean' },
  });
}
