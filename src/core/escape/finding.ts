import type { EscapeKind } from './kinds';

/** A place in a source file: absolute path, 1-based line and column (0 when the compiler gave none). */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/**
 * One step of the compiler's explanation of why something escapes, in the
 * order it prints them: `flow: dst ← src:` lines, each followed by the
 * `from EXPR (why)` notes that make it up.
 */
export interface FlowStep {
  /** `flow: ~r0 ← &t:` or `from &t (address-of)`, trimmed. */
  message: string;
  /** Where the step happens (for `from` notes; flow lines point at their first note). */
  at?: SourcePos;
}

/** One compiler finding at one place, in gomem's terms. */
export interface EscapeFinding extends SourcePos {
  kind: EscapeKind;
  /** The message as `-m` prints it: "moved to heap: buf", "leaking param: p to result ~r0 level=0". */
  message: string;
  /** Why it escapes (empty when the compiler explained nothing or the kind has no flow). */
  flow: FlowStep[];
  /** When the finding comes from inlined code: the inlined positions, outermost first after this one. */
  inlinedFrom: SourcePos[];
}

/** Stable identity of a finding within one file: the same place, kind and message. */
export function findingKey(f: Pick<EscapeFinding, 'file' | 'line' | 'column' | 'kind' | 'message'>): string {
  return `${f.file}\0${f.line}\0${f.column}\0${f.kind}\0${f.message}`;
}

/** Sort order: file, line, column, kind, message. */
export function compareFindings(a: EscapeFinding, b: EscapeFinding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
