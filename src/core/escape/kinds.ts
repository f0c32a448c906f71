/**
 * gomem's kinds of compiler findings, and where each comes from.
 *
 * | kind                 | `-m` text (go build -gcflags=-m=2)              | `-json=0` diagnostic code                      |
 * |----------------------|--------------------------------------------------|------------------------------------------------|
 * | `moved-to-heap`      | `moved to heap: x`                               | `escape`/`escapes` "x escapes to heap" with no empty `escape` record at the same position |
 * | `escapes-to-heap`    | `EXPR escapes to heap`, `append escapes to heap` | `escape`/`escapes` "EXPR escapes to heap" paired with an empty-message `escape` record |
 * | `leaking-param`      | `leaking param: p`, `leaking param content: p`, `leaking param: p to result r level=n` | `leak` "parameter p leaks to R with derefs=n" |
 * | `can-inline`         | `can inline F with cost N as: …`                 | `canInlineFunction` "cost: N"                  |
 * | `cannot-inline`      | `cannot inline F: reason`                        | `cannotInlineFunction` "reason"                |
 * | `inlined-call`       | `inlining call to F`                             | (none)                                         |
 * | `cannot-inline-call` | `cannot inline F into G: repeated recursive cycle` | `cannotInlineCall` "reason"                  |
 * | `bounds-check`       | (none without -d=ssa/check_bce)                  | `isInBounds`, `isSliceInBounds`                |
 * | `nil-check`          | (none without -d=nil)                            | `nilcheck`                                     |
 *
 * `X does not escape` is parsed (tests check nothing is reported there) but
 * is never a finding. The compiler's escape pass (cmd/compile/internal/escape)
 * logs an escaping *name* once, during solving, and an escaping *expression*
 * twice: the same message during solving or graph building, and an empty
 * `escape` record when it finishes — that pairing is how JSON tells
 * "moved to heap" from "escapes to heap".
 */
export const ESCAPE_KINDS = [
  'moved-to-heap',
  'escapes-to-heap',
  'leaking-param',
  'can-inline',
  'cannot-inline',
  'inlined-call',
  'cannot-inline-call',
  'bounds-check',
  'nil-check',
] as const;

export type EscapeKind = (typeof ESCAPE_KINDS)[number];

/** Shown unless the user chooses otherwise (gomem.escape.kinds). */
export const DEFAULT_KINDS: readonly EscapeKind[] = ['moved-to-heap', 'escapes-to-heap', 'leaking-param'];

/** Kinds that are heap allocations: these get the after-line marker and the measured bytes. */
export const HEAP_KINDS: readonly EscapeKind[] = ['moved-to-heap', 'escapes-to-heap'];

/** Kinds both the text and the JSON express, so the two can be compared (the oracle tests do). */
export const SHARED_KINDS: readonly EscapeKind[] = ['moved-to-heap', 'escapes-to-heap', 'leaking-param', 'can-inline', 'cannot-inline'];

/** Kinds only the JSON log carries (the text never has them at -m=2, or only rarely). */
export const JSON_ONLY_KINDS: readonly EscapeKind[] = ['cannot-inline-call', 'bounds-check', 'nil-check'];

export function isEscapeKind(s: unknown): s is EscapeKind {
  return typeof s === 'string' && (ESCAPE_KINDS as readonly string[]).includes(s);
}

export function isHeapKind(k: EscapeKind): boolean {
  return HEAP_KINDS.includes(k);
}
