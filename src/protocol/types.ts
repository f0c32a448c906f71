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
