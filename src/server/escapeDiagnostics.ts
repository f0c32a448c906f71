import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { utf16Offset } from '../core/escape/columns';
import type { EscapeFinding, SourcePos } from '../core/escape/finding';
import { isHeapKind } from '../core/escape/kinds';
import { findingLabel, type MeasureInfo } from '../core/escape/siteCost';

/** Reads a 1-based source line (for byte → UTF-16 columns) and names files as URIs. */
export interface SourceAccess {
  line(file: string, line: number): string | undefined;
  uriOf(file: string): string;
}

/**
 * A finding as an LSP diagnostic: Information for heap allocations, Hint for
 * the rest; source "go escape", code = gomem's kind; the message carries the
 * bytes measured on the line; where inlined code came from is related
 * information. The explanation is not: it is what the hover shows
 * (gomem/escapeHover), read from the compiler's log only when asked for —
 * a package has hundreds of findings and nobody reads all their reasons.
 */
export function escapeDiagnostic(f: EscapeFinding, src: SourceAccess, info?: MeasureInfo): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.inlinedFrom.map((p) => ({ location: location(p, src), message: 'inlined from here' }));
  const d: Diagnostic = {
    range: pointRange(f, src),
    severity: isHeapKind(f.kind) ? DiagnosticSeverity.Information : DiagnosticSeverity.Hint,
    source: 'go escape',
    code: f.kind,
    message: findingLabel(f, info),
  };
  if (related.length > 0) d.relatedInformation = related;
  return d;
}

function pointRange(p: SourcePos, src: SourceAccess) {
  const line = Math.max(0, p.line - 1);
  const character = utf16Offset(src.line(p.file, p.line), p.column);
  return { start: { line, character }, end: { line, character } };
}

function location(p: SourcePos, src: SourceAccess) {
  return { uri: src.uriOf(p.file), range: pointRange(p, src) };
}
