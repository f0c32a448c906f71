import type { ListeningSocket } from './listeningSocket';
import { parseHostPort } from './lsofListen';

/**
 * Listening TCP sockets from Windows `netstat -ano`:
 *
 *     Proto  Local Address          Foreign Address        State           PID
 *     TCP    127.0.0.1:6060         0.0.0.0:0              LISTENING       4242
 *     TCP    [::]:6060              [::]:0                 LISTENING       4242
 *
 * The state word is translated on non-English Windows, so a listener is
 * recognised by its foreign address (`0.0.0.0:0` / `[::]:0`) instead.
 */
export function parseNetstatListen(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 5 || f[0].toUpperCase() !== 'TCP') continue;
    if (f[2] !== '0.0.0.0:0' && f[2] !== '[::]:0') continue;
    const local = parseHostPort(f[1]);
    const pid = Number(f[4]);
    if (local && Number.isInteger(pid)) out.push({ ...local, pid });
  }
  return out;
}
