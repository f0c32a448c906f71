import { uniqueSockets, type ListeningSocket } from '../../core/capture/listeningSocket';
import { parseNetstatListen } from '../../core/capture/netstatListen';
import type { ListeningProcess } from './listeningProcess';
import { runTool } from './runTool';

/** Windows: listening TCP sockets of every process, or of one. */
async function netstatSockets(signal?: AbortSignal): Promise<ListeningSocket[]> {
  return uniqueSockets(parseNetstatListen(await runTool('netstat', ['-ano'], { signal })));
}

export async function netstatListeningSockets(pid: number, signal?: AbortSignal): Promise<ListeningSocket[]> {
  return (await netstatSockets(signal)).filter((s) => s.pid === pid);
}

/** Windows: netstat shows every user's processes; probing tells which serve pprof. */
export async function netstatListeningProcesses(signal?: AbortSignal): Promise<ListeningProcess[]> {
  const byPid = new Map<number, ListeningSocket[]>();
  for (const s of await netstatSockets(signal)) {
    if (s.pid === undefined || s.pid === 0 || s.pid === 4) continue; // System Idle, System
    byPid.set(s.pid, [...(byPid.get(s.pid) ?? []), s]);
  }
  return [...byPid].map(([pid, sockets]) => ({ pid, sockets }));
}
