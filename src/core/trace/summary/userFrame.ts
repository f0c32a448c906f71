import type { Frame } from './model';

/**
 * Whether a function (as traces name it: "runtime.gopark",
 * "internal/poll.(*FD).Read", "example.com/app/db.Query", "main.run") is in
 * the standard library. Go's rule: standard-library import paths have no dot
 * in their first element; anything else, and package main, is user code.
 */
export function isStandardLibraryFunc(func: string): boolean {
  if (func.startsWith('main.')) return false;
  const slash = func.indexOf('/');
  const first = slash >= 0 ? func.slice(0, slash) : func.slice(0, Math.max(0, func.indexOf('.')));
  return !first.includes('.');
}

/** The innermost frame in user code — where a reader should look — or the leaf when there is none. */
export function firstUserFrame(stack: Frame[]): Frame | undefined {
  return stack.find((f) => !isStandardLibraryFunc(f.func)) ?? stack[0];
}
