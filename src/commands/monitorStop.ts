import type { Ctx } from '../ctx';

/** "Go Memory: Stop Memory Monitor". */
export function stopMemoryMonitor(ctx: Ctx) {
  return (): void => ctx.monitor?.stop('stopped by the user');
}
