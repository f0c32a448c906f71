import type { CodeLens } from 'vscode-languageserver';
import { formatShare, formatValue } from '../core/format/units';
import { CLIENT_COMMANDS } from '../protocol/types';
import type { TrackedDocument } from './documents';
import { currentLineOf } from './lineMapping';
import type { LoadedProfile } from './loadedProfile';


/**
 * A lens above every profiled function of the document: its total (cum) for
 * the active sample type and share of the profile, plus its own (flat) part.
 * Functions are placed by Function.start_line, followed through edits.
 */
export function codeLenses(lp: LoadedProfile, localFile: string, tracked: TrackedDocument | undefined): CodeLens[] {
  const names = new Set(lp.profileNamesOf.get(localFile) ?? []);
  const t = lp.tables.functions;
  const type = lp.sampleTypeIndex;
  const { type: typeName, unit } = lp.profile.sampleTypes[type];
  const total = lp.tables.totalOf(type);
  const toCurrent = currentLineOf(tracked);
  const lenses: CodeLens[] = [];
  const v = t.valuesOf(type);
  t.rows.forEach((r, i) => {
    if (!names.has(r.file) || r.startLine <= 0) return;
    const flat = v.flat[i];
    const cum = v.cum[i];
    if (flat === 0 && cum === 0) return;
    const line = toCurrent(r.startLine - 1);
    if (line < 0) return;
    const share = formatShare(cum, total);
    lenses.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: {
        title: `${typeName}: ${formatValue(cum, unit)}${share ? ` (${share})` : ''} · self ${formatValue(flat, unit)}`,
        command: CLIENT_COMMANDS.showFunction,
        arguments: [{ profileId: lp.id, function: r.function }],
      },
    });
  });
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
}
