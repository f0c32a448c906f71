import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Stops a process and everything it started. `go test` runs the compiler and
 * then the test binary as children; killing `go` alone would leave the test
 * running. On POSIX the child must have been spawned `detached` (its own
 * process group), which the negative pid then names.
 */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill());
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
