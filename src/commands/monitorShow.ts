import type { Ctx } from '../ctx';

/** "Go Memory: Show Memory Monitor": the live chart beside the editor. */
export function showMemoryMonitor(ctx: Ctx) {
  return (): void => ctx.monitor?.show();
}
