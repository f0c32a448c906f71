import type { GenerationTables } from '../tables';
import type { Frame } from './model';

/**
 * Stack ids are only valid inside their generation; a summary that spans
 * generations needs one id per distinct stack. This gives each distinct
 * stack (by its frames) a global index, resolving each generation's id once.
 */
export class StackInterner {
  private readonly byKey = new Map<string, number>();
  private readonly stacks: Frame[][] = [];
  private readonly leaves: string[] = [];
  private tables: GenerationTables | undefined;
  private local = new Map<number, number>();

  /** Global index of stack `id` of `tables`; -1 for no stack. */
  intern(tables: GenerationTables | undefined, id: number): number {
    if (id === 0 || !tables) return -1;
    if (tables !== this.tables) {
      this.tables = tables;
      this.local = new Map();
    }
    let idx = this.local.get(id);
    if (idx === undefined) {
      const frames = tables.resolveStack(id).map(({ func, file, line }) => ({ func, file, line }));
      const key = frames.map((f) => `${f.func}\0${f.file}\0${f.line}`).join('\n');
      idx = this.byKey.get(key);
      if (idx === undefined) {
        idx = this.stacks.length;
        this.stacks.push(frames);
        this.leaves.push(key.split('\n', 1)[0]);
        this.byKey.set(key, idx);
      }
      this.local.set(id, idx);
    }
    return idx;
  }

  frames(idx: number): Frame[] {
    return idx < 0 ? [] : this.stacks[idx];
  }

  /** Identity of the innermost frame (func, file, line): where a `go` statement or wait is; "" for none. */
  leaf(idx: number): string {
    return idx < 0 ? '' : this.leaves[idx];
  }

  /** Function of the outermost frame: a goroutine's entry point when given its start stack. */
  root(idx: number): string {
    const f = this.frames(idx);
    return f.length ? f[f.length - 1].func : '';
  }
}
