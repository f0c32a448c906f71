import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { uniqueSockets, type ListeningSocket } from '../../core/capture/listeningSocket';
import { parseProcNetTcp, type ProcListenRow } from '../../core/capture/procNetTcp';
import type { ListeningProcess } from './listeningProcess';
import { procReadError } from './processErrors';

/**
 * Linux: the listening TCP sockets of one process. Its socket inodes come
 * from the `socket:[N]` links in /proc/PID/fd; /proc/PID/net/tcp and tcp6
 * list every socket of its network namespace, so only LISTEN rows whose
 * inode the process holds are its own.
 */
export async function procListeningSockets(pid: number): Promise<ListeningSocket[]> {
  const inodes = await socketInodes(pid);
  const rows = await listenRows(pid);
  return ownSockets(pid, rows, inodes);
}

/** Linux: every process of `uid` that listens on TCP, by scanning /proc. */
export async function procListeningProcesses(uid: number): Promise<ListeningProcess[]> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const rowsByNamespace = new Map<string, Promise<ProcListenRow[]>>();
  const found = await Promise.all(
    pids.map(async (pid): Promise<ListeningProcess | undefined> => {
      try {
        if ((await stat(`/proc/${pid}`)).uid !== uid) return undefined;
        const inodes = await socketInodes(pid);
        if (inodes.size === 0) return undefined;
        // Processes in one network namespace share one table: read it once.
        const ns = await readlink(`/proc/${pid}/ns/net`).catch(() => `pid ${pid}`);
        if (!rowsByNamespace.has(ns)) rowsByNamespace.set(ns, listenRows(pid));
        const sockets = ownSockets(pid, await rowsByNamespace.get(ns)!, inodes);
        if (sockets.length === 0) return undefined;
        return { pid, name: await commandName(pid), sockets };
      } catch {
        return undefined; // exited while we looked, or not ours to read
      }
    }),
  );
  return found.filter((p): p is ListeningProcess => p !== undefined);
}

function ownSockets(pid: number, rows: ProcListenRow[], inodes: Set<number>): ListeningSocket[] {
  return uniqueSockets(rows.filter((r) => inodes.has(r.inode)).map((r) => ({ address: r.address, port: r.port, pid })));
}

async function socketInodes(pid: number): Promise<Set<number>> {
  const dir = `/proc/${pid}/fd`;
  let fds: string[];
  try {
    fds = await readdir(dir);
  } catch (err) {
    throw procReadError(pid, dir, err);
  }
  const inodes = new Set<number>();
  await Promise.all(
    fds.map(async (fd) => {
      // Descriptors close while we read; a vanished one is simply not a socket.
      const target = await readlink(`${dir}/${fd}`).catch(() => '');
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m) inodes.add(Number(m[1]));
    }),
  );
  return inodes;
}

async function listenRows(pid: number): Promise<ProcListenRow[]> {
  const [v4, v6] = await Promise.all([readNetTable(pid, 'tcp'), readNetTable(pid, 'tcp6')]);
  return [...v4, ...v6];
}

async function readNetTable(pid: number, name: 'tcp' | 'tcp6'): Promise<ProcListenRow[]> {
  const path = `/proc/${pid}/net/${name}`;
  try {
    return parseProcNetTcp(await readFile(path, 'utf8'));
  } catch (err) {
    // No tcp6 table when IPv6 is disabled: nothing listens there.
    if (name === 'tcp6' && (err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw procReadError(pid, path, err);
  }
}

async function commandName(pid: number): Promise<string | undefined> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() || undefined;
}
