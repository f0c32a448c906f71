import { endpointOfPid, type PprofEndpoint } from '../../core/capture/endpoint';
import { CaptureError } from '../../core/capture/errors';
import type { ListeningSocket } from '../../core/capture/listeningSocket';
import { NO_PPROF_HINT } from '../../core/capture/pprofHint';
import { listeningSockets } from './listeningSockets';
import { probeSocket, type ProbeOptions, type ProbeResult } from './probePprof';

/**
 * The pprof endpoints a process serves: its listening TCP ports, each asked
 * for `/debug/pprof/`. A process that serves none gets a `no-pprof`
 * CaptureError that lists what each port did and shows the two lines to add.
 */
export async function findPprofEndpoints(pid: number, opts: ProbeOptions = {}): Promise<PprofEndpoint[]> {
  const sockets = await listeningSockets(pid, opts.signal);
  if (sockets.length === 0) {
    throw new CaptureError('no-pprof', `PID ${pid} does not listen on any TCP port, so it does not serve pprof.\n${NO_PPROF_HINT}`);
  }
  const results = await Promise.all(sockets.map((s) => probeSocket(s, opts)));
  const found = results.filter((r) => r.ok).map((r) => endpointOfPid(pid, r.url));
  if (found.length === 0) throw new CaptureError('no-pprof', noPprofMessage(pid, sockets, results));
  return found;
}

function noPprofMessage(pid: number, sockets: readonly ListeningSocket[], results: readonly ProbeResult[]): string {
  const lines = results.map((r, i) => `  ${hostPort(sockets[i])}: ${r.ok ? 'pprof' : r.why}`);
  const head = `PID ${pid} listens on ${sockets.length} TCP port${sockets.length === 1 ? '' : 's'}, but none serves net/http/pprof:`;
  // A program stopped at a breakpoint accepts connections but answers nothing.
  const allSilent = results.every((r) => !r.ok && r.code === 'timeout');
  const paused = allSilent ? '\nNo port answered in time: if the program is paused in the debugger, continue it and try again.' : '';
  return `${head}\n${lines.join('\n')}${paused}\n${NO_PPROF_HINT}`;
}

function hostPort(s: ListeningSocket): string {
  return s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}
