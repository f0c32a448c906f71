import { endpointFromUrl, type PprofEndpoint } from '../../core/capture/endpoint';
import { findPprofEndpoints } from './findPprofEndpoints';
import type { ProbeOptions } from './probePprof';

/**
 * A target as a user gives it — a URL (`http://host:6060`, `localhost:6060`,
 * `https://…/debug/pprof/`) or a PID — as a pprof endpoint. A PID is looked
 * up through its listening ports; when it serves pprof on several, the first
 * one found is used.
 */
export async function resolveTarget(target: string | number, opts: ProbeOptions = {}): Promise<PprofEndpoint> {
  if (typeof target === 'number' || /^\d+$/.test(target.trim())) {
    const [first] = await findPprofEndpoints(Number(target), opts);
    return first;
  }
  return endpointFromUrl(target);
}
