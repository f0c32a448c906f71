/**
 * Reading capture file names back: `<kind>-<target>-<YYYYMMDD-HHMMSS>[-n].pb.gz|.trace`
 * as the capture engine names them (core/capture/fileName.ts). Pure.
 */
export interface CaptureName {
  /** `heap`, `heap-delta`, `cpu`, `trace`, …, or undefined for a name of another shape (a renamed file). */
  readonly kind?: string;
  /** `pid4242`, `127.0.0.1_6060`, `TestRecords`, `pid4242-stop3`. */
  readonly target?: string;
  /** The local time in the name, when it has one. */
  readonly at?: Date;
  readonly trace: boolean;
}

const KINDS = 'heap|allocs|goroutineleak|goroutine|cpu|block|mutex|trace';
const NAME = new RegExp(`^((?:${KINDS})(?:-delta)?)-(.+)-(\\d{4})(\\d\\d)(\\d\\d)-(\\d\\d)(\\d\\d)(\\d\\d)(?:-\\d+)?(\\.pb\\.gz|\\.trace)$`);

/** Profiles and traces, not the folder's `.gitignore` or a capture still being written (`.name.partial`). */
export function isCaptureFile(name: string): boolean {
  return !name.startsWith('.') && /\.(pb\.gz|pprof|prof|trace)$/.test(name);
}

export function parseCaptureName(name: string): CaptureName {
  const trace = name.endsWith('.trace');
  const m = NAME.exec(name);
  if (!m) return { trace };
  const [, kind, target, y, mo, d, h, mi, s] = m;
  return { kind, target, at: new Date(+y, +mo - 1, +d, +h, +mi, +s), trace };
}

/** `heap · pid4242`, or the file name when it has another shape. */
export function captureLabel(name: string, parsed: CaptureName): string {
  return parsed.kind ? `${parsed.kind} · ${parsed.target}` : name;
}
