import * as vscode from 'vscode';
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
};

/** Settings whose change needs a server restart (they are passed at initialize). */
export const RESTART_SETTINGS = ['gomem.maxProfileBytes', 'gomem.substitutePath', 'go.alternateTools', 'go.goroot'];

/** Settings the decorations re-read on change. */
export const VIEW_SETTINGS = ['gomem.inlineValues.enabled', 'gomem.inlineValues.style', 'gomem.heatmap.enabled', 'gomem.codeLens.enabled'];
