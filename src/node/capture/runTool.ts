import { execFile } from 'node:child_process';
import { CaptureError } from '../../core/capture/errors';

/**
 * Runs a system tool (lsof, netstat) and returns its stdout. lsof exits 1
 * when it finds nothing, so callers name the exit codes that still mean
 * "here is the (possibly empty) answer".
 */
export function runTool(cmd: string, args: string[], opts: { okCodes?: number[]; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
  const ok = new Set([0, ...(opts.okCodes ?? [])]);
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: opts.timeoutMs ?? 15_000, signal: opts.signal, windowsHide: true, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      // execFile's error code is the exit status (a number) or a spawn errno (a string).
      const code = err ? (err as { code?: unknown }).code : 0;
      if (!err || (typeof code === 'number' && ok.has(code))) return resolve(stdout);
      if (opts.signal?.aborted) return reject(new CaptureError('cancelled', `${cmd} cancelled`));
      if (code === 'ENOENT') return reject(new CaptureError('no-access', `cannot run ${cmd}: not found on PATH (gomem uses it to list listening ports)`));
      reject(new CaptureError('no-access', `${cmd} ${args.join(' ')} failed: ${(stderr || err.message).trim()}`));
    });
  });
}
