import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createSourceResolver } from '../core/paths/resolveSource';
import { formatValue } from '../core/format/units';
import type { Profile } from '../core/pprof/model';
import { buildTables, indexByFile } from '../core/pprof/tables';
import type { GoPaths } from '../node/goEnv';
import { findModuleRoot } from '../node/moduleRoot';
import { pickSampleType } from './sampleTypeArg';
import { UsageError } from './usage';

/** SOURCE.go with flat and cum of the chosen sample type beside every line. */
export function linesCommand(p: Profile, source: string, sampleType: string | undefined, go: GoPaths): string {
  const abs = resolve(source);
  if (!existsSync(abs)) throw new UsageError(`no such file: ${source}`);
  const type = pickSampleType(p, sampleType);
  const tables = buildTables(p);
  const byFile = indexByFile(tables.fileLines);
  const target = realpathSync(abs);
  const root = findModuleRoot(dirname(abs));
  const resolveFile = createSourceResolver({
    roots: root ? [root] : [{ dir: dirname(abs) }],
    goroot: go.goroot,
    gomodcache: go.gomodcache,
    substitutions: [],
    exists: existsSync,
  });
  const values = new Map<number, { flat: number; cum: number }>();
  const rowValues = tables.fileLines.valuesOf(type);
  for (const [file, lines] of byFile) {
    const local = resolveFile(file);
    if (!local || realpathSync(local) !== target) continue;
    for (const { line, row } of lines) {
      const v = values.get(line) ?? { flat: 0, cum: 0 };
      v.flat += rowValues.flat[row];
      v.cum += rowValues.cum[row];
      values.set(line, v);
    }
  }
  if (values.size === 0) throw new UsageError(`the profile has no samples in ${source}`);
  const unit = p.sampleTypes[type].unit;
  const text = readFileSync(abs, 'utf8').split(/\r?\n/);
  const cell = (v: number) => (v === 0 ? '.' : formatValue(v, unit)).padStart(10);
  const out = [`Type: ${p.sampleTypes[type].type}`, `${'flat'.padStart(10)} ${'cum'.padStart(10)}  line`];
  text.forEach((src, i) => {
    const v = values.get(i + 1);
    out.push(`${cell(v?.flat ?? 0)} ${cell(v?.cum ?? 0)} ${String(i + 1).padStart(5)}: ${src}`);
  });
  return out.join('\n');
}
