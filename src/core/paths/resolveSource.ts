import { escapeModulePath } from './modulePath';

/**
 * Maps a file name as a profile records it to a file on this machine. Profiles
 * name files as the build saw them: absolute paths (maybe from another
 * machine or container), module-cache paths, or, with -trimpath, import-path
 * based names ("example.com/mod/pkg/f.go", "github.com/x/y@v1.2.3/f.go",
 * "runtime/malloc.go"). Pure: the caller supplies `exists`.
 */
export interface SourceEnv {
  /** Workspace folders, each with the module path of its go.mod when known. */
  readonly roots: readonly { readonly dir: string; readonly modulePath?: string }[];
  readonly goroot?: string;
  readonly gomodcache?: string;
  /** User rules "from → to", like Delve's substitutePath; longest `from` wins. */
  readonly substitutions: readonly { readonly from: string; readonly to: string }[];
  exists(path: string): boolean;
}

export type SourceResolver = (profilePath: string) => string | undefined;

export function createSourceResolver(env: SourceEnv): SourceResolver {
  const subs = [...env.substitutions].sort((a, b) => b.from.length - a.from.length);
  return (raw) => {
    const name = raw.replace(/\\/g, '/');
    for (const candidate of candidates(name, env, subs)) {
      if (env.exists(candidate)) return candidate;
    }
    return undefined;
  };
}

function* candidates(name: string, env: SourceEnv, subs: SourceEnv['substitutions']): Generator<string> {
  for (const s of subs) {
    const from = s.from.replace(/\\/g, '/');
    if (from && name.startsWith(from)) yield s.to + name.slice(from.length);
  }
  if (isAbsolute(name)) {
    yield name;
    yield* fromModuleCache(name, env);
    yield* fromGoroot(name, env);
    yield* bySuffix(name, env);
    return;
  }
  yield* trimpathCandidates(name, env);
}

/** `/home/ci/go/pkg/mod/github.com/x/y@v1/f.go` → this machine's module cache. */
function* fromModuleCache(name: string, env: SourceEnv): Generator<string> {
  const i = name.lastIndexOf('/pkg/mod/');
  if (i >= 0 && env.gomodcache) yield join(env.gomodcache, name.slice(i + '/pkg/mod/'.length));
}

/** `/usr/local/go/src/runtime/malloc.go` from another install → this GOROOT. */
function* fromGoroot(name: string, env: SourceEnv): Generator<string> {
  if (!env.goroot) return;
  const i = name.lastIndexOf('/src/');
  if (i >= 0) yield join(env.goroot, name.slice(i + 1));
}

/**
 * A path from another machine (CI checkout, container): drop leading
 * directories until what is left exists under a workspace folder.
 */
function* bySuffix(name: string, env: SourceEnv): Generator<string> {
  const parts = name.split('/').filter(Boolean);
  for (let k = 1; k < parts.length; k++) {
    const rest = parts.slice(k).join('/');
    for (const r of env.roots) yield join(r.dir, rest);
  }
}

/** -trimpath names: workspace module, vendor/, module cache, standard library. */
function* trimpathCandidates(name: string, env: SourceEnv): Generator<string> {
  for (const r of env.roots) {
    if (r.modulePath && (name.startsWith(r.modulePath + '/'))) yield join(r.dir, name.slice(r.modulePath.length + 1));
  }
  for (const r of env.roots) yield join(r.dir, 'vendor/' + name);
  const at = /^([^@]+@[^/]+)\/(.+)$/.exec(name);
  if (at && env.gomodcache) yield join(env.gomodcache, `${escapeModulePath(at[1])}/${at[2]}`);
  if (env.goroot) yield join(env.goroot, 'src/' + name);
  for (const r of env.roots) yield join(r.dir, name);
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

function join(dir: string, rest: string): string {
  return dir.replace(/[\\/]+$/, '') + '/' + rest.replace(/^\/+/, '');
}
