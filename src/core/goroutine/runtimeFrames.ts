import type { GoroutineFrame } from './model';

/**
 * Go's text forms hide `runtime.goexit` and the runtime frames at the leaf
 * end of a stack (runtime/pprof printStackRecord; the traceback does the
 * same), unless nothing else would be left. The proto keeps them; applying
 * the same rule makes one stack the same group in all three forms.
 */
export function hideRuntimeFrames(frames: readonly GoroutineFrame[]): GoroutineFrame[] {
  const kept = frames.filter((f) => f.function !== 'runtime.goexit');
  const first = kept.findIndex((f) => !isRuntime(f.function));
  return first < 0 ? kept : kept.slice(first);
}

function isRuntime(fn: string): boolean {
  return fn.startsWith('runtime.') || fn.startsWith('internal/runtime/');
}
