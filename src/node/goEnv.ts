import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface GoPaths {
  goroot?: string;
  gomodcache?: string;
}

/**
 * GOROOT and GOMODCACHE for resolving profile paths. Asks `go env` only when
 * allowed (workspace trust) and falls back to the environment and Go's
 * defaults, so a missing `go` degrades resolution instead of failing it.
 */
export async function goPaths(opts: { go?: string; runGo: boolean; env?: NodeJS.ProcessEnv }): Promise<GoPaths> {
  const env = opts.env ?? process.env;
  const fallback: GoPaths = {
    goroot: env.GOROOT || undefined,
    gomodcache: env.GOMODCACHE || join(env.GOPATH?.split(':')[0] || join(homedir(), 'go'), 'pkg', 'mod'),
  };
  if (!opts.runGo) return fallback;
  try {
    const out = await run(opts.go ?? 'go', ['env', '-json', 'GOROOT', 'GOMODCACHE'], env);
    const parsed = JSON.parse(out) as { GOROOT?: string; GOMODCACHE?: string };
    return { goroot: parsed.GOROOT || fallback.goroot, gomodcache: parsed.GOMODCACHE || fallback.gomodcache };
  } catch {
    return fallback;
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, timeout: 10_000, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}
