import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { EscapeFinding } from '../core/escape/finding';
import { DEFAULT_KINDS } from '../core/escape/kinds';
import { escapeSites, type MeasureInfo } from '../core/escape/siteCost';
import { analyzeEscapes } from '../node/escape/analyzeEscapes';
import { GoNotFoundError, RunCancelledError } from '../node/escape/runCompiler';
import { SourceFiles } from '../node/escape/sourceFiles';
import { EscapeChangedNotification } from '../protocol/lsp';
import type { EscapeRunParams, EscapeRunResult, EscapeViewParams } from '../protocol/types';
import { escapeDiagnostic, type SourceAccess } from './escapeDiagnostics';
import { measureInfo } from '../core/escape/profileMeasure';
import { EscapeResults } from './escapeResults';
import type { ProfileStore } from './profileStore';

/**
 * Runs escape analyses (one at a time per package or module: a new run
 * cancels the old), keeps their results and publishes them as diagnostics
 * filtered by what the editor wants shown, joined with the active profile.
 */
export class EscapeService {
  readonly results = new EscapeResults();
  private view: EscapeViewParams = { enabled: true, kinds: [...DEFAULT_KINDS] };
  private readonly running = new Map<string, AbortController>();
  private readonly published = new Set<string>();
  /** Real path → the URI the client used for it (symlinked workspaces). */
  private readonly uris = new Map<string, string>();

  constructor(
    private readonly conn: Connection,
    private readonly store: ProfileStore,
  ) {}

  async run(p: EscapeRunParams): Promise<EscapeRunResult> {
    const target = this.remember(p.uri);
    const key = `${p.scope}:${target}`;
    this.running.get(key)?.abort();
    const abort = new AbortController();
    this.running.set(key, abort);
    try {
      const a = await analyzeEscapes(target, p.scope, p.toolchain, abort.signal, p.testsUnchanged);
      this.publish(this.results.put(a));
      const files = new Set(a.findings.map((f) => f.file)).size;
      return { scope: a.scope, dir: a.dir, findings: a.findings.length, files, exitCode: a.exitCode, buildErrors: a.buildErrors, goMs: a.goMs, parseMs: a.parseMs };
    } catch (err) {
      return { scope: p.scope, dir: target, findings: 0, files: 0, exitCode: -1, buildErrors: [], goMs: 0, parseMs: 0, failure: failureOf(err) };
    } finally {
      if (this.running.get(key) === abort) this.running.delete(key);
    }
  }

  setView(v: EscapeViewParams): void {
    this.view = { enabled: v.enabled, kinds: [...v.kinds] };
    this.publish(this.results.files());
  }

  /** Re-publishes everything (the active profile or its sample type changed: the measured bytes did). */
  refresh(): void {
    this.publish(this.results.files());
  }

  /** Findings of a file the editor shows (enabled kinds). */
  shown(file: string): EscapeFinding[] {
    if (!this.view.enabled) return [];
    return this.results.findingsFor(file).filter((f) => this.view.kinds.includes(f.kind));
  }

  measure(): MeasureInfo | undefined {
    return measureInfo(this.store.active());
  }

  /** Heap-escape sites of one file or of everything analysed, costliest first. */
  sites(file?: string): ReturnType<typeof escapeSites> {
    const files = file ? [file] : this.results.files();
    return escapeSites(files.flatMap((f) => this.results.findingsFor(f)), this.measure());
  }

  /** A client URI → the real path findings are keyed by (remembering the URI to publish under). */
  remember(uri: string): string {
    const path = fileURLToPath(uri);
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // a file not on disk yet: keep its name
    }
    this.uris.set(real, uri);
    return real;
  }

  sourceAccess(): SourceAccess {
    const files = new SourceFiles();
    return { line: (f, l) => files.line(f, l), uriOf: (f) => this.uris.get(f) ?? pathToFileURL(f).href };
  }

  private publish(files: string[]): void {
    const src = this.sourceAccess();
    const info = this.measure();
    const changed: string[] = [];
    for (const file of files) {
      const shown = this.shown(file);
      if (shown.length === 0 && !this.published.has(file)) continue;
      const uri = src.uriOf(file);
      void this.conn.sendDiagnostics({ uri, diagnostics: shown.map((f) => escapeDiagnostic(f, src, info)) });
      if (shown.length > 0) this.published.add(file);
      else this.published.delete(file);
      changed.push(uri);
    }
    if (changed.length > 0) void this.conn.sendNotification(EscapeChangedNotification, { uris: changed });
  }
}

function failureOf(err: unknown): NonNullable<EscapeRunResult['failure']> {
  if (err instanceof RunCancelledError) return { reason: 'cancelled', message: 'a newer run replaced this one' };
  if (err instanceof GoNotFoundError) return { reason: 'go-not-found', message: err.message };
  return { reason: 'error', message: err instanceof Error ? err.message : String(err) };
}
