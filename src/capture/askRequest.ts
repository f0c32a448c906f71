import * as vscode from 'vscode';
import type { CaptureKind, CaptureRequest } from '../node/capture';
import type { CaptureMemory } from './captureMemory';

/** What a capture command may be given instead of asking. */
export interface RequestArgs {
  /** Heap: run a GC first (`?gc=1`). */
  readonly gc?: boolean;
  /** CPU and trace: the duration; heap delta: the window. */
  readonly seconds?: number;
}

/** Defaults offered the first time: net/http/pprof's own for CPU; a few seconds of trace; a 10 s delta. */
const DEFAULT_SECONDS: Partial<Record<string, number>> = { cpu: 30, trace: 5, 'heap-delta': 10 };

/**
 * The capture request for a command, asking only what the kind needs:
 * a heap capture whether to run a GC first, CPU and trace captures for how
 * long, a heap delta over how many seconds. Undefined when cancelled.
 */
export async function askRequest(kind: CaptureKind, delta: boolean, args: RequestArgs, memory: CaptureMemory): Promise<CaptureRequest | undefined> {
  if (delta) {
    const seconds = args.seconds ?? (await askSeconds('heap-delta', 'Heap delta: changes over how many seconds?', true, memory));
    return seconds === undefined ? undefined : { kind, seconds };
  }
  if (kind === 'cpu' || kind === 'trace') {
    const what = kind === 'cpu' ? 'CPU profile' : 'Execution trace';
    const seconds = args.seconds ?? (await askSeconds(kind, `${what}: record for how many seconds?`, kind === 'cpu', memory));
    return seconds === undefined ? undefined : { kind, seconds };
  }
  if (kind === 'heap') {
    const gc = args.gc ?? (await askGc(memory));
    return gc === undefined ? undefined : { kind, gc };
  }
  return { kind };
}

async function askGc(memory: CaptureMemory): Promise<boolean | undefined> {
  const items = [
    { label: 'Heap profile', detail: 'As of the last garbage collection (what the program has now, up to one GC cycle old)', gc: false },
    { label: 'Run a GC first', detail: 'Collect garbage, then profile (?gc=1): in-use values are current', gc: true },
  ];
  if (memory.heapGc()) items.reverse();
  const pick = await vscode.window.showQuickPick(items, { title: 'Capture Heap Profile', placeHolder: 'Run a garbage collection before the heap profile?' });
  if (pick) await memory.setHeapGc(pick.gc);
  return pick?.gc;
}

async function askSeconds(key: string, prompt: string, whole: boolean, memory: CaptureMemory): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    prompt,
    value: String(memory.seconds(key, DEFAULT_SECONDS[key] ?? 10)),
    validateInput: (v) => secondsError(v, whole),
  });
  if (text === undefined) return undefined;
  const seconds = Number(text.trim());
  await memory.setSeconds(key, seconds);
  return seconds;
}

/** net/http/pprof takes whole seconds except for traces. */
export function secondsError(text: string, whole: boolean): string | undefined {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isFinite(n) || n <= 0) return 'a positive number of seconds';
  if (whole && !Number.isInteger(n)) return 'whole seconds';
  if (n > 3600) return 'at most an hour (3600 s)';
  return undefined;
}
