/** A TCP socket in LISTEN state: where a process may serve pprof. */
export interface ListeningSocket {
  /** The local address as the system reports it: `127.0.0.1`, `0.0.0.0`, `::`, `::1`. */
  readonly address: string;
  readonly port: number;
  readonly pid?: number;
}

/**
 * Where to connect to reach a listener: the wildcard addresses are reached
 * over loopback (a Go `:6060` listens on `::` and takes IPv4 too), a
 * specific address as it is.
 */
export function connectAddresses(s: ListeningSocket): string[] {
  if (s.address === '0.0.0.0' || s.address === '*') return ['127.0.0.1'];
  if (s.address === '::') return ['127.0.0.1', '::1'];
  if (s.address.startsWith('::ffff:')) return [s.address.slice(7)];
  return [s.address];
}

/** One entry per address and port (lsof and netstat repeat sockets per file descriptor or family). */
export function uniqueSockets(list: readonly ListeningSocket[]): ListeningSocket[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = `${s.pid ?? ''} ${s.address} ${s.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
