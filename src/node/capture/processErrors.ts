import { CaptureError } from '../../core/capture/errors';

/** Fails with no-process or no-access the way a user can act on, before looking at sockets. */
export function assertProcessExists(pid: number): void {
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new CaptureError('bad-target', `"${pid}" is not a process id`);
  try {
    process.kill(pid, 0); // signal 0: existence and permission check only
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') throw new CaptureError('no-process', `no process with PID ${pid}`);
    // EPERM: it exists but belongs to someone else; reading its sockets may still work (Windows) or fail later with a clear message.
  }
}

/** A failed read under /proc/PID as the CaptureError it means. */
export function procReadError(pid: number, path: string, err: unknown): CaptureError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ESRCH') return new CaptureError('no-process', `no process with PID ${pid}`);
  if (code === 'EACCES' || code === 'EPERM') {
    return new CaptureError('no-access', `cannot read ${path}: permission denied (PID ${pid} belongs to another user; run the program as yourself)`);
  }
  return new CaptureError('no-access', `cannot read ${path}: ${(err as Error).message}`);
}
