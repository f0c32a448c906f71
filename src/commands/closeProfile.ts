import type { Ctx } from '../ctx';
import { UnloadProfileRequest } from '../protocol/lsp';

/** "Go Memory: Close Profile": unloads the active profile; its decorations clear. */
export function closeProfile(ctx: Ctx) {
  return async (id?: string): Promise<void> => {
    if (!ctx.client || !ctx.profiles.activeId) return;
    ctx.setProfiles(await ctx.client.sendRequest(UnloadProfileRequest, { id }));
  };
}
