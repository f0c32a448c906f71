import { endpointOfPid, type PprofEndpoint } from '../../core/capture/endpoint';
import { listeningProcesses } from './listeningSockets';
import { probeSocket, type ProbeOptions } from './probePprof';

/** A local process that answers pprof. */
export interface PprofProcess {
  readonly pid: number;
  readonly name?: string;
  readonly endpoints: readonly PprofEndpoint[];
}

/** Probes at a time: enough to be quick, few enough not to flood a busy machine. */
const CONCURRENCY = 8;

/**
 * The user's local processes that serve net/http/pprof, found like a debug
 * session's: listening ports (same user; every user's on Windows), each
 * probed for `/debug/pprof/`. gomem itself is left out.
 */
export async function findPprofProcesses(opts: ProbeOptions = {}): Promise<PprofProcess[]> {
  const procs = (await listeningProcesses(opts.signal)).filter((p) => p.pid !== process.pid);
  const jobs = procs.flatMap((p) => p.sockets.map((s) => ({ pid: p.pid, socket: s })));
  const urls = await mapLimited(jobs, CONCURRENCY, async (j) => {
    const r = await probeSocket(j.socket, opts);
    return r.ok ? r.url : undefined;
  });
  return procs
    .map((p) => ({
      pid: p.pid,
      name: p.name,
      endpoints: jobs.flatMap((j, i) => (j.pid === p.pid && urls[i] ? [endpointOfPid(p.pid, urls[i]!)] : [])),
    }))
    .filter((p) => p.endpoints.length > 0);
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
