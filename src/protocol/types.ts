/**
 * Data shapes exchanged with gomem's language server. Plain interfaces, no
 * imports: core/, the extension, the server and webviews can all use them.
 * The request objects that carry them are in lsp.ts.
 */

export interface ValueTypeInfo {
  type: string;
  unit: string;
}

export interface ProfileInfo {
  id: string;
  path: string;
  /** Short name for the status bar: the file's base name. */
  name: string;
  sampleTypes: ValueTypeInfo[];
  /** The sample type the views show now. */
  sampleTypeIndex: number;
  defaultSampleTypeIndex: number;
  samples: number;
  /** Source files named by the profile, and how many were found on this machine. */
  files: number;
  resolvedFiles: number;
  /** Values past 2^53 that could only be shown approximately. */
  inexactValues: number;
  /** The profile this one is compared with, when a comparison is on. */
  baseId?: string;
}

export interface LoadProfileParams {
  path: string;
  /** Make it the profile the editor shows (default true); false loads a comparison base. */
  activate?: boolean;
}

export interface ProfileIdParams {
  id?: string;
}

export interface SetSampleTypeParams {
  id?: string;
  /** Index into sampleTypes, or a type name. */
  sampleType: number | string;
}

export interface ProfilesState {
  activeId?: string;
  profiles: ProfileInfo[];
}

export interface LineStatsParams {
  uri: string;
}

/** One annotated line of a document, in the document's current coordinates. */
export interface LineStat {
  /** 0-based line in the current document text. */
  line: number;
  flat: number;
  cum: number;
  /** Values of the companion count type (objects for *_space), when there is one. */
  flatCount?: number;
  cumCount?: number;
  /** The line's text changed since the profile was matched against it. */
  stale: boolean;
  /** In a comparison: the base profile's values; flat and cum are then current − base. */
  base?: { flat: number; cum: number };
}

export interface LineStatsResult {
  profileId: string;
  profileName: string;
  sampleType: ValueTypeInfo;
  countType?: ValueTypeInfo;
  /** Total of the sample type over the whole profile (the 100%). */
  total: number;
  lines: LineStat[];
  /** Set in a comparison: values are deltas against this profile. */
  baseName?: string;
}

export interface SetBaseParams {
  id?: string;
  /** The base profile's id, or null to stop comparing. */
  baseId: string | null;
}

/** Options the client passes at initialize; a change restarts the server. */
export interface ServerOptions {
  maxProfileBytes: number;
  substitutePath: { from: string; to: string }[];
  /** Whether the server may run `go` (workspace trust). */
  trusted: boolean;
  /** The go binary to ask for GOROOT/GOMODCACHE. */
  goBinary?: string;
  /** Profiles to load at start (a restarted server gets back what it had, sample type included). */
  profiles?: { path: string; sampleType?: string }[];
  activeProfile?: string;
}

export interface TopRowsParams {
  id?: string;
  granularity: 'lines' | 'functions';
  limit: number;
}

export interface TopRow {
  function: string;
  /** The file as the profile names it. */
  file: string;
  line: number;
  flat: number;
  cum: number;
  /** The matching file on this machine, when one was found. */
  localPath?: string;
}

export interface TopRowsResult {
  profile: ProfileInfo;
  total: number;
  rows: TopRow[];
}

export interface ServerInfoParams {
  /** Run a full GC first (only when the server was started with --expose-gc). */
  gc?: boolean;
}

export interface ServerInfo {
  pid: number;
  version: string;
  rssBytes: number;
  heapUsedBytes: number;
  /** CPU time the server process has used (user + system), in microseconds: benchmarks divide its growth by requests. */
  cpuMicros: number;
  profiles: number;
}

/** Ids of the commands the server offers through workspace/executeCommand (for any LSP editor). */
export const SERVER_COMMANDS = {
  loadProfile: 'gomem.server.loadProfile',
  unloadProfile: 'gomem.server.unloadProfile',
  setSampleType: 'gomem.server.setSampleType',
  listProfiles: 'gomem.server.listProfiles',
} as const;

/** Commands the server puts in code lenses; the VS Code extension implements them. */
export const CLIENT_COMMANDS = {
  showFunction: 'gomem.showFunction',
} as const;

// Escape analysis: the compiler's -m / -json findings, joined with profiles.

/** How the client runs go for escape analysis (go.alternateTools / go.goroot, go.toolsEnvVars, go.buildFlags, go.buildTags). */
export interface EscapeToolchainOptions {
  go?: string;
  env?: Record<string, string>;
  buildFlags?: string[];
  buildTags?: string;
  /** false: `go build` instead of `go test -c` (faster; _test.go files are not analysed). Default true. */
  includeTests?: boolean;
}

export interface EscapeRunParams {
  /** A Go file or a directory: its package is analysed, or with scope "module" its whole module. */
  uri: string;
  scope: 'package' | 'module';
  toolchain: EscapeToolchainOptions;
  /**
   * After a save of a non-test file: the package's _test.go files did not
   * change, so `go build` is enough (no test binary to link) and their
   * earlier findings stay.
   */
  testsUnchanged?: boolean;
}

export interface EscapeRunResult {
  scope: 'package' | 'module';
  /** The directory go ran in. */
  dir: string;
  findings: number;
  files: number;
  exitCode: number;
  /** Compile errors and the go command's complaints when the build failed (the packages that built still count). */
  buildErrors: string[];
  goMs: number;
  parseMs: number;
  /** Set when there is no analysis: a newer run replaced this one, go is missing, or it failed to start. */
  failure?: { reason: 'cancelled' | 'go-not-found' | 'error'; message: string };
}

/** What the editor shows (gomem.escape.enabled, gomem.escape.kinds); the server publishes diagnostics accordingly. */
export interface EscapeViewParams {
  enabled: boolean;
  kinds: string[];
}

export interface EscapeSitesParams {
  /** With scope "file": that file's sites; with "all": every analysed site (for the costliest-escapes list). */
  uri?: string;
  scope: 'file' | 'all';
}

/** A line with heap escapes and what the active profile measured on it. */
export interface EscapeSiteInfo {
  uri: string;
  /** 0-based line and UTF-16 character of the first escape. */
  line: number;
  character: number;
  kinds: string[];
  messages: string[];
  bytes: number;
  objects?: number;
  /** "moved to heap: buf — 1.2 GB · 38 objs, 38% of alloc_space" */
  label: string;
}

export interface EscapeSitesResult {
  sites: EscapeSiteInfo[];
  /** The profile and sample type the bytes come from, when one is loaded. */
  profileName?: string;
  sampleType?: string;
  total?: number;
}

export interface EscapeHoverParams {
  uri: string;
  /** 0-based. */
  line: number;
}

export interface EscapeOutputParams {
  /** A file or directory: the latest analysis covering it. */
  uri: string;
}

export interface EscapeOutputResult {
  scope: 'package' | 'module';
  /** A re-run after a save: `go build` with `-m` (its text has no explanations or inlining reasons). */
  quick: boolean;
  dir: string;
  /** The go command's arguments and its stderr: the raw -m text. */
  args: string[];
  text: string;
}

/** Server → client: findings changed for these documents (a run finished, the view or profile changed). */
export interface EscapeChangedParams {
  uris: string[];
}
