import { openCapture } from '../capture/openCapture';
import type { CaptureEntry } from '../capture/listCaptures';
import type { Ctx } from '../ctx';

/** "Open" on a capture (a click in the Captured Profiles view): per-line view and flame graph, or the trace. */
export function openCaptureCommand(ctx: Ctx) {
  return async (entry?: CaptureEntry): Promise<void> => {
    if (entry?.path) await openCapture(ctx, entry.path);
  };
}
