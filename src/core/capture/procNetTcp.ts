import type { ListeningSocket } from './listeningSocket';

const LISTEN = '0A';

/** One row of /proc/PID/net/tcp or tcp6 in LISTEN state. */
export interface ProcListenRow extends ListeningSocket {
  readonly inode: number;
}

/**
 * The LISTEN rows of /proc/net/tcp or /proc/net/tcp6 text. Columns:
 * `sl local_address rem_address st … uid timeout inode`; addresses are
 * `HEX:PORT` where the address is 32-bit words in host byte order (assumed
 * little-endian: every Linux gomem runs on) and the port is big-endian hex.
 */
export function parseProcNetTcp(text: string): ProcListenRow[] {
  const rows: ProcListenRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== LISTEN) continue;
    const [addrHex, portHex] = f[1].split(':');
    const address = decodeAddress(addrHex);
    if (address === undefined || !portHex) continue;
    rows.push({ address, port: parseInt(portHex, 16), inode: Number(f[9]) });
  }
  return rows;
}

/** `0100007F` → 127.0.0.1; 32 hex digits → an IPv6 address (`::1`, `::ffff:127.0.0.1`). */
export function decodeAddress(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    // Each 32-bit word is printed as a host-order (little-endian) number.
    const word = hex.slice(w, w + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(word.slice(b, b + 2), 16));
  }
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.length === 16) return formatIPv6(bytes);
  return undefined;
}

/** RFC 5952 text: lower-case hex, the longest run of zero groups as `::`, v4-mapped as dotted. */
function formatIPv6(bytes: number[]): string {
  const isV4Mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isV4Mapped) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}
