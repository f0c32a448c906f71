/**
 * The Go toolchain the caller chose (gopls-style settings resolved by the
 * extension: go.alternateTools / go.goroot, go.toolsEnvVars, go.buildFlags).
 * The caller also decides whether running it is allowed (workspace trust).
 */
export interface GoToolchain {
  /** The go command; default `go` on PATH. */
  readonly go?: string;
  /** Added to (and overriding) the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Build flags placed before the test flags, e.g. ['-tags=integration']. */
  readonly buildFlags?: readonly string[];
}

export function goCommand(t: GoToolchain | undefined): string {
  return t?.go || 'go';
}

export function goEnvironment(t: GoToolchain | undefined): NodeJS.ProcessEnv {
  return { ...process.env, ...(t?.env ?? {}) };
}
