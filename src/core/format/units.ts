/**
 * Human-readable values, in the units `go tool pprof` prints: bytes scale by
 * 1024 with pprof's labels (B, kB, MB, GB, TB, PB), counts by 1000 (k, M, G),
 * nanoseconds to ns/µs/ms/s. Negative values (diffs, deltas) keep their sign.
 */
const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
const COUNT_UNITS = ['', 'k', 'M', 'G', 'T', 'P'];

export function formatValue(v: number, unit: string): string {
  switch (unit) {
    case 'bytes':
      return scaled(v, 1024, BYTE_UNITS, ' ');
    case 'nanoseconds':
      return formatNanos(v);
    case 'seconds':
      return formatNanos(v * 1e9);
    default:
      return scaled(v, 1000, COUNT_UNITS, '');
  }
}

function scaled(v: number, base: number, units: string[], space: string): string {
  const sign = v < 0 ? '-' : '';
  let a = Math.abs(v);
  let i = 0;
  while (a >= base && i < units.length - 1) {
    a /= base;
    i++;
  }
  const digits = i === 0 || a >= 100 ? 0 : a >= 10 ? 1 : 2;
  const n = trimZeros(a.toFixed(digits));
  return `${sign}${n}${units[i] ? space + units[i] : ''}`;
}

function formatNanos(ns: number): string {
  const sign = ns < 0 ? '-' : '';
  const a = Math.abs(ns);
  const [div, unit] = a >= 1e9 ? [1e9, 's'] : a >= 1e6 ? [1e6, 'ms'] : a >= 1e3 ? [1e3, 'µs'] : [1, 'ns'];
  const x = a / div;
  return `${sign}${trimZeros(x.toFixed(x >= 100 || div === 1 ? 0 : x >= 10 ? 1 : 2))} ${unit}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** "12.5%" of total; "" when the total is 0. */
export function formatShare(v: number, total: number): string {
  if (total === 0) return '';
  const pct = (v / total) * 100;
  return `${trimZeros(pct.toFixed(Math.abs(pct) >= 10 ? 1 : 2))}%`;
}

/** Short word for a count-valued companion type: "objs" for *_objects. */
export function countNoun(type: string): string {
  if (type.endsWith('_objects')) return 'objs';
  if (type === 'contentions') return 'contentions';
  if (type === 'samples') return 'samples';
  return type.replace(/^.*_/, '');
}
