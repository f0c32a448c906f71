import { profileFileName } from '../../core/capture/fileName';
import type { CaptureKind } from '../../core/capture/kinds';
import { captureProfile, type CaptureLimits, type PprofEndpoint } from '../capture';

/** The profiles saved at a breach, and what failed (a spike can also be a dying target). */
export interface SpikeSnapshot {
  readonly files: string[];
  readonly errors: string[];
}

const SPIKE_KINDS: readonly CaptureKind[] = ['heap', 'goroutine'];

/**
 * A heap and a goroutine profile taken the moment a threshold is crossed,
 * through the capture engine, named `heap-spike<N>-<target>-<time>.pb.gz`
 * so they stand out in the captures folder. No `gc=1`: the heap profile is
 * as of the last GC, which is what the runtime published.
 */
export async function captureSpike(endpoint: PprofEndpoint, n: number, outDir: string, limits: Partial<CaptureLimits> | undefined, signal: AbortSignal): Promise<SpikeSnapshot> {
  const files: string[] = [];
  const errors: string[] = [];
  const at = new Date();
  for (const kind of SPIKE_KINDS) {
    try {
      const fileName = profileFileName(`${kind}-spike${n}`, endpoint.label, at, '.pb.gz');
      files.push((await captureProfile(endpoint, { kind }, { outDir, fileName, limits, signal })).file);
    } catch (err) {
      errors.push(`${kind}: ${(err as Error).message}`);
    }
  }
  return { files, errors };
}
