import type { GcTraceLog } from './model';
import { parseGcTraceLine } from './parseLine';

/** Every gctrace line of a log (any other output may be interleaved); never throws. */
export function parseGcTrace(text: string): GcTraceLog {
  return parseGcTraceLines(text.split(/\r\n|\r|\n/));
}

/** The same, for lines already split; `firstLine` numbers them (for a selection inside a document). */
export function parseGcTraceLines(lines: readonly string[], firstLine = 0): GcTraceLog {
  const log: GcTraceLog = { cycles: [], malformed: [], otherLines: 0 };
  lines.forEach((text, i) => {
    const r = parseGcTraceLine(text, firstLine + i);
    if (r.kind === 'cycle') log.cycles.push(r.cycle);
    else if (r.kind === 'malformed') log.malformed.push({ line: firstLine + i, text: text.slice(0, 200) });
    else if (text.trim() !== '') log.otherLines++;
  });
  return log;
}
