import type { Ctx } from '../ctx';

/** "Refresh" in the Captured Profiles view's title bar. */
export function refreshCaptures(ctx: Ctx) {
  return async (): Promise<void> => {
    await ctx.captures?.refresh();
  };
}
