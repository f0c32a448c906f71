/**
 * A debug=2 goroutine header, as runtime/traceback.go goroutineheader prints
 * it: `goroutine 7 [chan receive, 12 minutes, locked to thread]:`, with
 * `gp=… m=… mp=…` after the id at GOTRACEBACK=system, `(leaked)`, `(scan)`
 * or `(durable)` after the state, and ` labels:{…}` last with
 * GODEBUG=tracebacklabels=1.
 */
export interface Debug2Header {
  readonly id: number;
  readonly state: string;
  readonly minutes: number;
  readonly lockedToThread: boolean;
}

const HEADER = /^goroutine (\d{1,20})((?: [a-z]{1,3}=\S{1,40}){0,3}) \[(.*)\]:$/;

export function isDebug2Text(head: string): boolean {
  return /^goroutine \d{1,20} /.test(head);
}

/** Undefined when the line is not a goroutine header. */
export function parseDebug2Header(line: string): Debug2Header | undefined {
  const m = HEADER.exec(line);
  if (!m) return undefined;
  let inside = m[3];
  const labels = inside.indexOf(' labels:{');
  if (labels >= 0) inside = inside.slice(0, labels);
  const [state, ...notes] = inside.split(', ');
  if (!state) return undefined;
  let minutes = 0;
  let lockedToThread = false;
  for (const note of notes) {
    const mins = /^(\d{1,12}) minutes$/.exec(note);
    if (mins) minutes = Number(mins[1]);
    else if (note === 'locked to thread') lockedToThread = true;
    // `synctest bubble N` and notes from later Go versions do not change the group.
  }
  return { id: Number(m[1]), state, minutes, lockedToThread };
}
