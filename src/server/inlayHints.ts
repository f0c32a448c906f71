import type { InlayHint, Range } from 'vscode-languageserver';
import { lineLabel } from '../core/view/lineDecorationSpec';
import type { LineStatsResult } from '../protocol/types';
import { lineText, type TrackedDocument } from './documents';

/**
 * Inlay hints at the end of annotated lines ("1.2 MB · 3.4k objs") for the
 * active sample type, only inside the requested (visible) range. The hints
 * of a document are built once per line-stats result (editors ask again on
 * every scroll) and filtered by range.
 */
const built = new WeakMap<LineStatsResult, InlayHint[]>();

export function inlayHints(stats: LineStatsResult, tracked: TrackedDocument, range: Range): InlayHint[] {
  let all = built.get(stats);
  if (!all) built.set(stats, (all = buildHints(stats, tracked)));
  return all.filter((h) => h.position.line >= range.start.line && h.position.line <= range.end.line);
}

function buildHints(stats: LineStatsResult, tracked: TrackedDocument): InlayHint[] {
  return stats.lines.map((l) => ({
    position: { line: l.line, character: lineText(tracked.doc, l.line).length },
    label: lineLabel(l, stats),
    paddingLeft: true,
  }));
}
