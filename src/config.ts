import * as vscode from 'vscode';
import { DEFAULT_KINDS, isEscapeKind, type EscapeKind } from './core/escape/kinds';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_THRESHOLDS, type Thresholds } from './core/monitor/thresholds';
import { DEFAULT_MAX_DECOMPRESSED } from './core/pprof/gunzip';

/**
 * The only place that reads settings. Each getter is typed and defaulted here;
 * package.json declares the same keys (contributes.configuration).
 */
const SECTION = 'gomem';

function gomem(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export const config = {
  /** Decompressed-size limit for a profile. Server restart. */
  maxProfileBytes(): number {
    const v = gomem().get<number>('maxProfileBytes', DEFAULT_MAX_DECOMPRESSED);
    return Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_DECOMPRESSED;
  },
  /** Path prefix rewrites for profiles built elsewhere. Server restart. */
  substitutePath(): { from: string; to: string }[] {
    const v = gomem().get<unknown>('substitutePath', []);
    if (!Array.isArray(v)) return [];
    return v.filter((r): r is { from: string; to: string } => typeof r?.from === 'string' && typeof r?.to === 'string');
  },
  /** After-line values in Go files. Live. */
  inlineValues(): boolean {
    return gomem().get<boolean>('inlineValues.enabled', true);
  },
  /**
   * How after-line values are drawn: editor decorations (coloured, the
   * default) or the language server's inlay hints (what other LSP editors
   * show). Never both. Live.
   */
  inlineValuesStyle(): 'decorations' | 'inlayHints' {
    return gomem().get<string>('inlineValues.style') === 'inlayHints' ? 'inlayHints' : 'decorations';
  },
  /** Code lenses with function totals above profiled functions. Live. */
  codeLens(): boolean {
    return gomem().get<boolean>('codeLens.enabled', true);
  },
  /** Background heat tint on annotated lines. Live. */
  heatmap(): boolean {
    return gomem().get<boolean>('heatmap.enabled', true);
  },
  /**
   * The go binary, honouring the Go extension's settings: go.alternateTools.go,
   * then go.goroot/bin/go, then `go` on PATH. Server restart.
   */
  goBinary(): string {
    const go = vscode.workspace.getConfiguration('go');
    const alt = go.get<Record<string, string>>('alternateTools', {})?.go;
    if (alt) return alt;
    const goroot = go.get<string>('goroot');
    return goroot ? `${goroot.replace(/[\\/]+$/, '')}/bin/go` : 'go';
  },
  /**
   * How to run `go test` the way the user builds: goBinary(), go.toolsEnvVars
   * (`${workspaceFolder}` and `${env:NAME}` expanded), go.buildFlags and
   * go.buildTags (as `-tags=…` unless the flags already set tags). Live.
   */
  goToolchain(): { go: string; env: Record<string, string>; buildFlags: string[] } {
    const go = vscode.workspace.getConfiguration('go');
    const flags = (go.get<unknown[]>('buildFlags', []) ?? []).filter((f): f is string => typeof f === 'string');
    const tags = go.get<string>('buildTags', '');
    const hasTags = flags.some((f) => /^--?tags(=|$)/.test(f));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(go.get<Record<string, unknown>>('toolsEnvVars', {}) ?? {})) {
      if (typeof v === 'string') env[k] = expandVariables(v);
    }
    return { go: config.goBinary(), env, buildFlags: tags && !hasTags ? [...flags, `-tags=${tags}`] : flags };
  },
  /** Where captures are saved: the setting (relative to the first folder), '' for the default. Live. */
  captureFolder(): string {
    const v = gomem().get<string>('capture.folder', '').trim();
    return v ? expandVariables(v) : '';
  },
  /** Time and size limits of one HTTP capture; unset or invalid values keep the engine's defaults. Live. */
  captureLimits(): { connectTimeoutMs?: number; totalTimeoutMs?: number; maxBytes?: number } {
    const positive = (key: string, scale: number) => {
      const v = gomem().get<number>(key);
      return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v * scale : undefined;
    };
    return {
      connectTimeoutMs: positive('capture.connectTimeoutSeconds', 1000),
      totalTimeoutMs: positive('capture.timeoutSeconds', 1000),
      maxBytes: positive('capture.maxBytes', 1),
    };
  },
  /** A pprof URL the capture commands offer among their targets. Live. */
  pprofUrl(): string {
    return gomem().get<string>('pprofUrl', '').trim();
  },
  /** Take a heap snapshot at every stop of a Go debug session. Live. */
  captureOnStop(): boolean {
    return gomem().get<boolean>('captureOnStop', false);
  },
  /** "profile memory · profile CPU · trace" lenses above tests and benchmarks. Live. */
  testLens(): boolean {
    return gomem().get<boolean>('testLens.enabled', true);
  },
  /** The memory monitor's poll interval and warning levels (0 turns a level off); a running monitor takes changes at once. */
  monitor(): { intervalSeconds: number; thresholds: Thresholds; autoSnapshot: boolean } {
    const d = DEFAULT_THRESHOLDS;
    const num = (key: string, fallback: number, min: number) => {
      const v = gomem().get<number>(key);
      return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
    };
    return {
      intervalSeconds: num('monitor.intervalSeconds', DEFAULT_INTERVAL_SECONDS, 0.5),
      thresholds: {
        heapGrowthPercent: num('monitor.heapGrowthPercent', d.heapGrowthPercent, 0),
        windowSeconds: num('monitor.heapGrowthWindowSeconds', d.windowSeconds, 1),
        gcPauseMs: num('monitor.gcPauseMs', d.gcPauseMs, 0),
        goroutines: num('monitor.goroutines', d.goroutines, 0),
      },
      autoSnapshot: gomem().get<boolean>('monitor.autoSnapshot', true),
    };
  },
  /** Where breach snapshots go: the setting (relative to the first folder), '' for the captures folder. Live. */
  monitorSnapshotFolder(): string {
    const v = gomem().get<string>('monitor.snapshotFolder', '').trim();
    return v ? expandVariables(v) : '';
  },
  /** Escape-analysis diagnostics, markers and hovers (the toggle command flips it per workspace). Live. */
  escapeEnabled(): boolean {
    return gomem().get<boolean>('escape.enabled', true);
  },
  /** Writes escapeEnabled() for this workspace (or globally without a folder). */
  setEscapeEnabled(on: boolean): Thenable<void> {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    return gomem().update('escape.enabled', on, target);
  },
  /** Which kinds of compiler findings show (gomem's kinds; unknown names are dropped). Live. */
  escapeKinds(): EscapeKind[] {
    const v = gomem().get<unknown>('escape.kinds', DEFAULT_KINDS);
    return Array.isArray(v) ? v.filter(isEscapeKind) : [...DEFAULT_KINDS];
  },
  /** Analyse with `go test -c` (covers _test.go files) rather than `go build`. Next run. */
  escapeIncludeTests(): boolean {
    return gomem().get<boolean>('escape.includeTests', true);
  },
};

/** Settings whose change needs a server restart (they are passed at initialize). */
export const RESTART_SETTINGS = ['gomem.maxProfileBytes', 'gomem.substitutePath', 'go.alternateTools', 'go.goroot'];

/** Settings the decorations re-read on change. */
export const VIEW_SETTINGS = ['gomem.inlineValues.enabled', 'gomem.inlineValues.style', 'gomem.heatmap.enabled', 'gomem.codeLens.enabled'];

/** Settings escape analysis re-reads on change: what shows, and how go runs (a new run). */
export const ESCAPE_VIEW_SETTINGS = ['gomem.escape.enabled', 'gomem.escape.kinds'];
export const ESCAPE_RUN_SETTINGS = ['gomem.escape.includeTests', 'go.buildFlags', 'go.buildTags', 'go.toolsEnvVars'];

/** `${workspaceFolder}` (the first folder) and `${env:NAME}` in a setting's value, as the Go extension expands them. */
function expandVariables(value: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  return value.replace(/\$\{workspaceFolder\}/g, folder).replace(/\$\{env:([^}]+)\}/g, (_, name: string) => process.env[name] ?? '');
}
