import type { ListeningSocket } from '../../core/capture/listeningSocket';
import { uniqueSockets } from '../../core/capture/listeningSocket';
import { parseLsofListen } from '../../core/capture/lsofListen';
import type { ListeningProcess } from './listeningProcess';
import { runTool } from './runTool';

const LISTEN_ARGS = ['-nP', '-iTCP', '-sTCP:LISTEN', '-Fpcn'];

/** macOS: one process's listening TCP sockets, from lsof. */
export async function lsofListeningSockets(pid: number, signal?: AbortSignal): Promise<ListeningSocket[]> {
  const out = await runTool('lsof', [...LISTEN_ARGS, '-a', '-p', String(pid)], { okCodes: [1], signal });
  return uniqueSockets(parseLsofListen(out).flatMap((p) => p.sockets));
}

/** macOS: every process of `uid` that listens on TCP. */
export async function lsofListeningProcesses(uid: number, signal?: AbortSignal): Promise<ListeningProcess[]> {
  const out = await runTool('lsof', [...LISTEN_ARGS, '-a', '-u', String(uid)], { okCodes: [1], signal });
  return parseLsofListen(out)
    .map((p) => ({ pid: p.pid, name: p.name, sockets: uniqueSockets(p.sockets) }))
    .filter((p) => p.sockets.length > 0);
}
