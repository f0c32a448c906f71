/**
 * The wire event types of Go 1.22+ execution traces and their arguments,
 * transcribed from Go's internal/trace/tracev2/events.go (Go 1.26) and kept
 * in the same order: the type byte is the index. A unit test compares this
 * table with events.go of the installed Go, so a drift shows up as a failure.
 *
 * Timed events start with a timestamp delta ("dt") followed by their
 * arguments, all unsigned varints. `stackArgs` and `stringArgs` index into the
 * arguments after dt (Go's StackIDs/StringIDs minus one).
 */
export const EV = {
  None: 0,
  EventBatch: 1,
  Stacks: 2,
  Stack: 3,
  Strings: 4,
  String: 5,
  CPUSamples: 6,
  CPUSample: 7,
  Frequency: 8,
  ProcsChange: 9,
  ProcStart: 10,
  ProcStop: 11,
  ProcSteal: 12,
  ProcStatus: 13,
  GoCreate: 14,
  GoCreateSyscall: 15,
  GoStart: 16,
  GoDestroy: 17,
  GoDestroySyscall: 18,
  GoStop: 19,
  GoBlock: 20,
  GoUnblock: 21,
  GoSyscallBegin: 22,
  GoSyscallEnd: 23,
  GoSyscallEndBlocked: 24,
  GoStatus: 25,
  STWBegin: 26,
  STWEnd: 27,
  GCActive: 28,
  GCBegin: 29,
  GCEnd: 30,
  GCSweepActive: 31,
  GCSweepBegin: 32,
  GCSweepEnd: 33,
  GCMarkAssistActive: 34,
  GCMarkAssistBegin: 35,
  GCMarkAssistEnd: 36,
  HeapAlloc: 37,
  HeapGoal: 38,
  GoLabel: 39,
  UserTaskBegin: 40,
  UserTaskEnd: 41,
  UserRegionBegin: 42,
  UserRegionEnd: 43,
  UserLog: 44,
  GoSwitch: 45,
  GoSwitchDestroy: 46,
  GoCreateBlocked: 47,
  GoStatusStack: 48,
  ExperimentalBatch: 49,
  Sync: 50,
  ClockSnapshot: 51,
  EndOfGeneration: 52,
  // Experimental (AllocFree, GOEXPERIMENT-only): only ever in experimental batches.
  Span: 128,
  SpanAlloc: 129,
  SpanFree: 130,
  HeapObject: 131,
  HeapObjectAlloc: 132,
  HeapObjectFree: 133,
  GoroutineStack: 134,
  GoroutineStackAlloc: 135,
  GoroutineStackFree: 136,
} as const;

/** Go's evSync (^EventType(0)): the reader's own marker event, never on the wire. */
export const EV_SYNC = 255;

export interface EventSpec {
  name: string;
  /** Argument names as events.go spells them (timed events begin with "dt"). */
  args: readonly string[];
  timed: boolean;
  /** Indexes into the arguments after dt that are stack ids; the first is the event's own stack. */
  stackArgs: readonly number[];
  stringArgs: readonly number[];
  /** For the end of a range: the type of its begin event. */
  startEv: number;
  /** Non-zero for experimental events (1 = AllocFree). */
  experiment: number;
}

type SpecInit = Partial<EventSpec> & { name: string };

const S = (init: SpecInit): EventSpec => ({
  args: [], timed: false, stackArgs: [], stringArgs: [], startEv: EV.None, experiment: 0, ...init,
});
const T = (name: string, args: string[], more: Partial<EventSpec> = {}): EventSpec =>
  S({ name, args: ['dt', ...args], timed: true, ...more });
const X = (name: string, args: string[]): EventSpec => T(name, args, { experiment: 1 });

const table: Array<EventSpec | undefined> = [];
const define = (type: number, spec: EventSpec) => (table[type] = spec);

define(EV.EventBatch, S({ name: 'EventBatch', args: ['gen', 'm', 'time', 'size'] }));
define(EV.Stacks, S({ name: 'Stacks' }));
define(EV.Stack, S({ name: 'Stack', args: ['id', 'nframes'] }));
define(EV.Strings, S({ name: 'Strings' }));
define(EV.String, S({ name: 'String', args: ['id'] }));
define(EV.CPUSamples, S({ name: 'CPUSamples' }));
define(EV.CPUSample, S({ name: 'CPUSample', args: ['time', 'm', 'p', 'g', 'stack'], stackArgs: [3] }));
define(EV.Frequency, S({ name: 'Frequency', args: ['freq'] }));
define(EV.ExperimentalBatch, S({ name: 'ExperimentalBatch', args: ['exp', 'gen', 'm', 'time'] }));
define(EV.Sync, S({ name: 'Sync' }));
define(EV.EndOfGeneration, S({ name: 'EndOfGeneration' }));

define(EV.ProcsChange, T('ProcsChange', ['procs_value', 'stack'], { stackArgs: [1] }));
define(EV.ProcStart, T('ProcStart', ['p', 'p_seq']));
define(EV.ProcStop, T('ProcStop', []));
define(EV.ProcSteal, T('ProcSteal', ['p', 'p_seq', 'm']));
define(EV.ProcStatus, T('ProcStatus', ['p', 'pstatus']));
define(EV.GoCreate, T('GoCreate', ['new_g', 'new_stack', 'stack'], { stackArgs: [2, 1] }));
define(EV.GoCreateSyscall, T('GoCreateSyscall', ['new_g']));
define(EV.GoStart, T('GoStart', ['g', 'g_seq']));
define(EV.GoDestroy, T('GoDestroy', []));
define(EV.GoDestroySyscall, T('GoDestroySyscall', []));
define(EV.GoStop, T('GoStop', ['reason_string', 'stack'], { stackArgs: [1], stringArgs: [0] }));
define(EV.GoBlock, T('GoBlock', ['reason_string', 'stack'], { stackArgs: [1], stringArgs: [0] }));
define(EV.GoUnblock, T('GoUnblock', ['g', 'g_seq', 'stack'], { stackArgs: [2] }));
define(EV.GoSyscallBegin, T('GoSyscallBegin', ['p_seq', 'stack'], { stackArgs: [1] }));
define(EV.GoSyscallEnd, T('GoSyscallEnd', [], { startEv: EV.GoSyscallBegin }));
define(EV.GoSyscallEndBlocked, T('GoSyscallEndBlocked', [], { startEv: EV.GoSyscallBegin }));
define(EV.GoStatus, T('GoStatus', ['g', 'm', 'gstatus']));
define(EV.STWBegin, T('STWBegin', ['kind_string', 'stack'], { stackArgs: [1], stringArgs: [0] }));
define(EV.STWEnd, T('STWEnd', [], { startEv: EV.STWBegin }));
define(EV.GCActive, T('GCActive', ['gc_seq'], { startEv: EV.GCBegin }));
define(EV.GCBegin, T('GCBegin', ['gc_seq', 'stack'], { stackArgs: [1] }));
define(EV.GCEnd, T('GCEnd', ['gc_seq'], { startEv: EV.GCBegin }));
define(EV.GCSweepActive, T('GCSweepActive', ['p'], { startEv: EV.GCSweepBegin }));
define(EV.GCSweepBegin, T('GCSweepBegin', ['stack'], { stackArgs: [0] }));
define(EV.GCSweepEnd, T('GCSweepEnd', ['swept_value', 'reclaimed_value'], { startEv: EV.GCSweepBegin }));
define(EV.GCMarkAssistActive, T('GCMarkAssistActive', ['g'], { startEv: EV.GCMarkAssistBegin }));
define(EV.GCMarkAssistBegin, T('GCMarkAssistBegin', ['stack'], { stackArgs: [0] }));
define(EV.GCMarkAssistEnd, T('GCMarkAssistEnd', [], { startEv: EV.GCMarkAssistBegin }));
define(EV.HeapAlloc, T('HeapAlloc', ['heapalloc_value']));
define(EV.HeapGoal, T('HeapGoal', ['heapgoal_value']));
define(EV.GoLabel, T('GoLabel', ['label_string'], { stringArgs: [0] }));
define(EV.UserTaskBegin, T('UserTaskBegin', ['task', 'parent_task', 'name_string', 'stack'], { stackArgs: [3], stringArgs: [2] }));
define(EV.UserTaskEnd, T('UserTaskEnd', ['task', 'stack'], { stackArgs: [1] }));
define(EV.UserRegionBegin, T('UserRegionBegin', ['task', 'name_string', 'stack'], { stackArgs: [2], stringArgs: [1] }));
define(EV.UserRegionEnd, T('UserRegionEnd', ['task', 'name_string', 'stack'], { startEv: EV.UserRegionBegin, stackArgs: [2], stringArgs: [1] }));
define(EV.UserLog, T('UserLog', ['task', 'key_string', 'value_string', 'stack'], { stackArgs: [3], stringArgs: [1, 2] }));
define(EV.GoSwitch, T('GoSwitch', ['g', 'g_seq']));
define(EV.GoSwitchDestroy, T('GoSwitchDestroy', ['g', 'g_seq']));
define(EV.GoCreateBlocked, T('GoCreateBlocked', ['new_g', 'new_stack', 'stack'], { stackArgs: [2, 1] }));
define(EV.GoStatusStack, T('GoStatusStack', ['g', 'm', 'gstatus', 'stack'], { stackArgs: [3] }));
define(EV.ClockSnapshot, T('ClockSnapshot', ['mono', 'sec', 'nsec']));

define(EV.Span, X('Span', ['id', 'npages_value', 'kindclass']));
define(EV.SpanAlloc, X('SpanAlloc', ['id', 'npages_value', 'kindclass']));
define(EV.SpanFree, X('SpanFree', ['id']));
define(EV.HeapObject, X('HeapObject', ['id', 'type']));
define(EV.HeapObjectAlloc, X('HeapObjectAlloc', ['id', 'type']));
define(EV.HeapObjectFree, X('HeapObjectFree', ['id']));
define(EV.GoroutineStack, X('GoroutineStack', ['id', 'order']));
define(EV.GoroutineStackAlloc, X('GoroutineStackAlloc', ['id', 'order']));
define(EV.GoroutineStackFree, X('GoroutineStackFree', ['id']));

/** Every spec by type byte (holes are undefined), for tests and messages. */
export const SPECS: ReadonlyArray<EventSpec | undefined> = table;

/** Header versions of the Go 1.22+ format, as in internal/trace/version. */
export const SUPPORTED_VERSIONS = [22, 23, 25, 26] as const;
export type TraceVersion = (typeof SUPPORTED_VERSIONS)[number];

/** Header versions of the old (Go ≤ 1.21) format: recognised, declined. */
export const OLD_VERSIONS = [11, 19, 21] as const;

/**
 * The last regular event type each version knows (version.go slices Specs()
 * there): 1.22 ends at UserLog, 1.23 adds coroutine switches, GoStatusStack
 * and experimental batches, 1.25 Sync batches with ClockSnapshot, 1.26 the
 * in-band EndOfGeneration.
 */
const LAST_EVENT: Record<TraceVersion, number> = { 22: EV.UserLog, 23: EV.ExperimentalBatch, 25: EV.ClockSnapshot, 26: EV.EndOfGeneration };

/** The spec of `type` in a trace of `version`, or undefined when that version has no such event. */
export function specFor(version: TraceVersion, type: number): EventSpec | undefined {
  if (type >= 128) return version >= 23 ? table[type] : undefined;
  return type <= LAST_EVENT[version] ? table[type] : undefined;
}

/** Number of arguments after dt of each timed event type, -1 for anything else; per version. */
export function timedArgCounts(version: TraceVersion): Int8Array {
  const counts = new Int8Array(256).fill(-1);
  for (let t = 0; t < 256; t++) {
    const s = specFor(version, t);
    if (s?.timed) counts[t] = s.args.length - 1;
  }
  return counts;
}

export function eventName(type: number): string {
  if (type === EV_SYNC) return 'Sync';
  return table[type]?.name ?? `Invalid(${type})`;
}
