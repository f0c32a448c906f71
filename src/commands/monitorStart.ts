import { showCaptureError } from '../capture/captureErrors';
import type { TargetArg } from '../capture/captureTarget';
import type { Ctx } from '../ctx';
import { chooseTarget } from './capture';

/**
 * "Go Memory: Start Memory Monitor": choose a target as the capture commands
 * do (debug session, local process, URL; or `{ target }` as argument) and
 * poll its runtime numbers. Resolves with the target's label once started.
 */
export function startMemoryMonitor(ctx: Ctx) {
  return async (args: { target?: TargetArg } = {}): Promise<string | undefined> => {
    const title = 'Start Memory Monitor';
    const target = await chooseTarget(ctx, args.target, title);
    if (!target || !ctx.monitor) return undefined;
    try {
      await ctx.monitor.start(target);
      return target.label;
    } catch (err) {
      await showCaptureError(err, `starting the memory monitor of ${target.label}`, ctx.captureOutput);
      return undefined;
    }
  };
}
