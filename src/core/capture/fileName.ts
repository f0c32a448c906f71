import { fileExtension, isDelta, type CaptureRequest } from './kinds';

/**
 * `<kind>-<target>-<timestamp><ext>`, e.g. `heap-127.0.0.1_6060-20250102-150405.pb.gz`:
 * sorted by name, the captures of one kind and target are in time order.
 */
export function profileFileName(kind: string, target: string, at: Date, extension: string): string {
  return `${safeLabel(kind)}-${safeLabel(target)}-${timestamp(at)}${extension}`;
}

/** The file name of one capture; delta profiles say so (`heap-delta-…`). */
export function captureFileName(req: CaptureRequest, target: string, at: Date): string {
  return profileFileName(isDelta(req) ? `${req.kind}-delta` : req.kind, target, at, fileExtension(req.kind));
}

/** A URL as a file-name part: host and port (`127.0.0.1_6060`, `example.com_443`). */
export function urlTargetLabel(url: string): string {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.hostname.replace(/^\[|\]$/g, '')}_${port}`;
}

export function pidTargetLabel(pid: number): string {
  return `pid${pid}`;
}

/** `name-2.pb.gz` for the second file of that name, keeping the two-part extension. */
export function numberedFileName(name: string, n: number): string {
  const m = /^(.*?)((?:\.pb)?\.gz|\.[^.]*)?$/.exec(name)!;
  return `${m[1]}-${n}${m[2] ?? ''}`;
}

/** Local time, to the second: what a person compares with their clock. */
export function timestamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

/**
 * Keeps names portable and inside the folder: letters, digits, `.`, `_`, `-`;
 * no `..`, no leading dot (hidden) or dash (an option to tools); at most 64 characters.
 */
function safeLabel(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.{2,}/g, '.').replace(/^[.-]+/, '').slice(0, 64);
  return clean || 'unnamed';
}
