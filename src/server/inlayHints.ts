import type { InlayHint, Range } from 'vscode-languageserver';
import { lineLabel } from '../core/view/lineDecorationSpec';
import type { LineStatsResult } from '../protocol/types';
import { lineText, type TrackedDocument } from './documents';

/**
 * Inlay hints at the end of annotated lines ("1.2 MB · 3.4k objs") for the
 * active sample type, only inside the requested (visible) range.
 */
export function inlayHints(stats: LineStatsResult, tracked: TrackedDocument, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const l of stats.lines) {
    if (l.line < range.start.line || l.line > range.end.line) continue;
    hints.push({
      position: { line: l.line, character: lineText(tracked.doc, l.line).length },
      label: lineLabel(l, stats),
      paddingLeft: true,
    });
  }
  return hints;
}
