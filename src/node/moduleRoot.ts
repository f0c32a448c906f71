import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { moduleDirective } from '../core/paths/modulePath';

export interface ModuleRoot {
  dir: string;
  modulePath?: string;
}

/** The nearest directory at or above `start` holding a go.mod, with its module path. */
export function findModuleRoot(start: string): ModuleRoot | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const goMod = join(dir, 'go.mod');
    if (existsSync(goMod)) return { dir, modulePath: moduleDirective(readFileSync(goMod, 'utf8')) };
    if (dirname(dir) === dir) return undefined;
  }
}

/** A workspace folder as a resolution root: its module path when it has a go.mod. */
export function rootFor(dir: string): ModuleRoot {
  const goMod = join(dir, 'go.mod');
  return existsSync(goMod) ? { dir, modulePath: moduleDirective(readFileSync(goMod, 'utf8')) } : { dir };
}
