import type { Granularity } from './aggregate';
import type { Profile, ProfileLocation } from './model';

/**
 * The keys gomem aggregates by. Names and files are exactly what the profile
 * says (the CLI's `file` is the profile's own path); resolving to workspace
 * files happens later, in the editor layer.
 */
export interface LineRow {
  readonly function: string;
  readonly file: string;
  readonly line: number;
  /**
   * True when the first stack this line was seen on had it inlined. Not part
   * of the key: pprof keys lines by function, file and line, and derives its
   * "(inline)" marker from call edges.
   */
  readonly inline: boolean;
}

export interface FunctionRow {
  readonly function: string;
  readonly file: string;
  /** Line of the `func` declaration (Function.start_line), 0 when unknown. */
  readonly startLine: number;
}

export interface FileLineRow {
  readonly file: string;
  readonly line: number;
}

interface Frame {
  fn: string;
  file: string;
  line: number;
  inline: boolean;
}

/** Frame j of a location; an unsymbolized location is named by its address. */
export function frameAt(loc: ProfileLocation, j: number, p: Profile): Frame {
  if (loc.lines.length === 0) return { fn: `0x${loc.address.toString(16)}`, file: '', line: 0, inline: false };
  const ln = loc.lines[j];
  const f = p.functions[ln.functionIndex];
  return { fn: f.name, file: f.filename, line: ln.line, inline: j < loc.lines.length - 1 };
}

const SEP = '\u0000';

/** A granularity defined on frames: its key string and the row it stands for. */
function onFrames<K>(key: (f: Frame) => string, row: (f: Frame, startLine: number) => K): Granularity<K> {
  return {
    keyOf: (loc, j, p) => key(frameAt(loc, j, p)),
    row: (_key, loc, j, p) => row(frameAt(loc, j, p), loc.lines.length ? p.functions[loc.lines[j].functionIndex].startLine : 0),
  };
}

/** Per function + source line, like `go tool pprof -lines`. */
export const byLine = onFrames<LineRow>(
  (f) => f.fn + SEP + f.file + SEP + f.line,
  (f) => ({ function: f.fn, file: f.file, line: f.line, inline: f.inline }),
);

/** Per function, like `go tool pprof -functions` (the default). */
export const byFunction = onFrames<FunctionRow>(
  (f) => f.fn + SEP + f.file,
  (f, startLine) => ({ function: f.fn, file: f.file, startLine }),
);

/** Per file:line, whatever function: what the editor annotates. */
export const byFileLine = onFrames<FileLineRow>(
  (f) => f.file + SEP + f.line,
  (f) => ({ file: f.file, line: f.line }),
);
