/**
 * Path arithmetic for compiler output, without Node's `path`: the compiler
 * prints paths relative to the go command's directory (`./main.go`,
 * `../lib/x.go`, `vendor/…`) or absolute, and the JSON log uses file:// URIs.
 */

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** `printed` made absolute against `cwd` and normalised ('.' and '..' removed). */
export function resolvePrinted(cwd: string, printed: string): string {
  const windows = /^[A-Za-z]:[\\/]/.test(cwd) || /^[A-Za-z]:[\\/]/.test(printed);
  const sep = windows ? '\\' : '/';
  const full = isAbsolutePath(printed) ? printed : `${cwd}${sep}${printed}`;
  return normalise(full, sep);
}

function normalise(p: string, sep: string): string {
  const parts = p.split(/[\\/]+/);
  const head = parts[0]; // '' for posix roots, 'C:' on Windows
  const out: string[] = [];
  for (const part of parts.slice(1)) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `${head}${sep}${out.join(sep)}`;
}

/** file:///abs/path (or file://C:/x, as the compiler writes on Windows) → a path. */
export function fileUriToPath(uri: string): string | undefined {
  const m = /^file:\/\/([^/]*)(\/.*)?$/.exec(uri);
  if (!m) return undefined;
  let path = decodeURIComponent((m[1] ? `/${m[1]}` : '') + (m[2] ?? ''));
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1).replace(/\//g, '\\');
  return path;
}

/** A directory as a file:// URI, the form `-json=0,<dir>` accepts on every platform. */
export function dirToFileUri(dir: string): string {
  const slashed = dir.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  // Windows drive paths: file://C:/… (the compiler's own reading of file URIs; see logopt parseLogPath).
  return /^[A-Za-z]%3A\//.test(encoded) ? `file://${encoded.replace('%3A', ':')}` : `file://${encoded}`;
}

/** Whether `file` is `dir` or inside it (both absolute, same style). */
export function isInside(file: string, dir: string): boolean {
  const d = dir.replace(/[\\/]+$/, '');
  return file === d || file.startsWith(d + '/') || file.startsWith(d + '\\');
}

/** The directory part of a path. */
export function dirOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i <= 0 ? file.slice(0, i + 1) : file.slice(0, i);
}
