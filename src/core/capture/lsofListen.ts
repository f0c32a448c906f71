import type { ListeningSocket } from './listeningSocket';

/** A process as lsof names it, with its listening sockets. */
export interface LsofProcess {
  readonly pid: number;
  readonly name?: string;
  readonly sockets: ListeningSocket[];
}

/**
 * `lsof -nP -iTCP -sTCP:LISTEN -Fpcn` output (macOS; same shape on Linux,
 * seen with lsof 4.95): one field per line, the first character naming it —
 * `p` starts a process, `c` is its command, `n` a socket's `ADDR:PORT`
 * (`*:6060`, `127.0.0.1:6060`, `[::1]:6060`). Other fields are skipped.
 */
export function parseLsofListen(text: string): LsofProcess[] {
  const out: { pid: number; name?: string; sockets: ListeningSocket[] }[] = [];
  let current: (typeof out)[number] | undefined;
  for (const line of text.split(/\r?\n/)) {
    const field = line[0];
    const value = line.slice(1);
    if (field === 'p') {
      current = { pid: Number(value), sockets: [] };
      out.push(current);
    } else if (field === 'c' && current) {
      current.name = value;
    } else if (field === 'n' && current) {
      const s = parseHostPort(value);
      if (s) current.sockets.push({ ...s, pid: current.pid });
    }
  }
  return out;
}

/** `*:6060`, `127.0.0.1:6060`, `[::1]:6060` → address and port; `*` is the wildcard. */
export function parseHostPort(text: string): { address: string; port: number } | undefined {
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const address = m[1] ?? m[2];
  return { address: address === '*' ? '0.0.0.0' : address, port: Number(m[3]) };
}
