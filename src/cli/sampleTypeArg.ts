import type { Profile } from '../core/pprof/model';
import { UsageError } from './usage';

/** --sample-type by name or index; the profile's default when absent. */
export function pickSampleType(p: Profile, arg: string | undefined): number {
  if (arg === undefined) return p.defaultSampleTypeIndex;
  const byName = p.sampleTypes.findIndex((t) => t.type === arg);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(arg) && Number(arg) < p.sampleTypes.length) return Number(arg);
  const names = p.sampleTypes.map((t) => t.type).join(', ');
  throw new UsageError(`unknown sample type "${arg}"; this profile has: ${names}`);
}
