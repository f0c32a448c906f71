import { startClient, stopClient } from '../client';
import type { Ctx } from '../ctx';

/** "Go Memory: Restart Language Server": keeps the loaded profiles. */
export function restartServer(ctx: Ctx) {
  return async (): Promise<void> => {
    await stopClient(ctx);
    await startClient(ctx);
  };
}
