import type { ListeningSocket } from '../../core/capture/listeningSocket';
import type { ListeningProcess } from './listeningProcess';
import { lsofListeningProcesses, lsofListeningSockets } from './lsofSockets';
import { netstatListeningProcesses, netstatListeningSockets } from './netstatSockets';
import { assertProcessExists } from './processErrors';
import { procListeningProcesses, procListeningSockets } from './procSockets';

/** The listening TCP sockets of a process: /proc on Linux, lsof on macOS, netstat on Windows. */
export async function listeningSockets(pid: number, signal?: AbortSignal): Promise<ListeningSocket[]> {
  assertProcessExists(pid);
  if (process.platform === 'linux') return procListeningSockets(pid);
  if (process.platform === 'win32') return netstatListeningSockets(pid, signal);
  return lsofListeningSockets(pid, signal);
}

/** The current user's processes that listen on TCP (every user's on Windows). */
export async function listeningProcesses(signal?: AbortSignal): Promise<ListeningProcess[]> {
  if (process.platform === 'win32') return netstatListeningProcesses(signal);
  const uid = process.getuid!();
  if (process.platform === 'linux') return procListeningProcesses(uid);
  return lsofListeningProcesses(uid, signal);
}
