/**
 * The go command line for one escape analysis run, as gopls builds it for its
 * compiler-details view (golang/tools gopls/internal/golang/compileropt.go):
 * `go test -c` covers the package, its in-package tests and its external
 * test package at once; `-o` the null device links nothing to disk; a fresh
 * `-json` directory per run changes the compile flags, so the build cache
 * cannot skip the compile (and write no JSON).
 */
export interface EscapeBuild {
  /** One package (the go command runs in its directory) or every package of the module (run at its root). */
  scope: 'package' | 'module';
  /** file:// URI of a fresh, empty directory for the JSON log. */
  jsonDirUri: string;
  /** os.devNull. */
  nullDevice: string;
  /** The user's go.buildFlags. */
  buildFlags?: readonly string[];
  /** The user's go.buildTags ("a,b"), used unless buildFlags has -tags. */
  buildTags?: string;
  /** false: `go build` instead of `go test -c` (faster on big packages; _test.go files are not covered). */
  includeTests?: boolean;
  /**
   * The -m level: 2 (default) prints the explanations and inlining reasons
   * too; 1 is enough when the JSON log is read (it holds both either way)
   * and saves the compiler a third of its printing — for re-runs after a save.
   */
  level?: 1 | 2;
}

/** Flags gomem sets itself, or that would make the output unreadable (-trimpath rewrites every path). */
const OWN_FLAGS = /^--?(c|o|json|gcflags|trimpath|vet|run|bench|count|v|x|n)(=|$)/;

export function escapeBuildArgs(b: EscapeBuild): string[] {
  const pattern = b.scope === 'module' ? './...' : '.';
  const user = splitUserFlags(b.buildFlags ?? []);
  const tags = b.buildTags && !user.kept.some((f) => /^--?tags(=|$)/.test(f)) ? [`-tags=${b.buildTags}`] : [];
  const gcflags = [...user.gcflagsFor(pattern), b.level === 1 ? '-m' : '-m=2', `-json=0,${b.jsonDirUri}`].join(' ');
  const verb = b.includeTests === false ? ['build'] : ['test', '-c', '-vet=off'];
  return [...verb, ...user.kept, ...tags, `-gcflags=${pattern}=${gcflags}`, `-o=${b.nullDevice}`, pattern];
}

/**
 * The user's flags minus the ones gomem owns. A `-gcflags` of theirs for the
 * same packages is merged into gomem's (the go command would let the last
 * one win and drop theirs, e.g. `-N -l`, which changes what escapes).
 */
function splitUserFlags(flags: readonly string[]): { kept: string[]; gcflagsFor(pattern: string): string[] } {
  const kept: string[] = [];
  const gc: { pattern: string; flags: string }[] = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    const m = /^--?gcflags(?:=(.*))?$/.exec(f);
    if (m) {
      const value = m[1] ?? flags[++i] ?? '';
      const at = /^([^-][^=]*)=(.*)$/.exec(value);
      gc.push(at ? { pattern: at[1], flags: at[2] } : { pattern: '', flags: value });
      continue;
    }
    if (OWN_FLAGS.test(f)) {
      // A flag given as two words ("-o x") takes its value with it.
      if (!f.includes('=') && /^--?(o|run|bench|count)$/.test(f)) i++;
      continue;
    }
    kept.push(f);
  }
  return {
    kept,
    gcflagsFor: (pattern) => gc.filter((g) => g.pattern === '' || g.pattern === pattern).flatMap((g) => g.flags.split(/\s+/).filter((x) => x && !/^-(m|json)(=|$)/.test(x))),
  };
}
