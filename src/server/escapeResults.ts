import { dirOf, isInside } from '../core/escape/paths';
import type { EscapeFinding } from '../core/escape/finding';
import type { EscapeAnalysis } from '../node/escape/analyzeEscapes';

interface Stored {
  seq: number;
  analysis: EscapeAnalysis;
  byFile: Map<string, EscapeFinding[]>;
}

/**
 * The analyses the server holds: the latest per package and per module. A
 * file's findings come from the newest analysis that covers it, so saving
 * one file of a module analysed earlier replaces just its package's findings,
 * and a run without the tests (go build) leaves the _test.go files' findings
 * to the last run that compiled them.
 */
export class EscapeResults {
  private readonly analyses = new Map<string, Stored>();
  private seq = 0;

  /** Stores an analysis; returns the files whose findings may have changed. */
  put(a: EscapeAnalysis): string[] {
    const key = `${a.scope}:${a.dir}:${a.tests}`;
    const before = this.analyses.get(key);
    const byFile = new Map<string, EscapeFinding[]>();
    for (const f of a.findings) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    this.analyses.set(key, { seq: ++this.seq, analysis: a, byFile });
    return [...new Set([...(before?.byFile.keys() ?? []), ...byFile.keys()])];
  }

  /** Every file any analysis has findings for. */
  files(): string[] {
    const out = new Set<string>();
    for (const s of this.analyses.values()) for (const f of s.byFile.keys()) out.add(f);
    return [...out];
  }

  findingsFor(file: string): EscapeFinding[] {
    return this.latestCovering(file)?.byFile.get(file) ?? [];
  }

  /** The newest analysis whose packages include `path` (a file or a package directory). */
  latest(path: string): EscapeAnalysis | undefined {
    return this.latestCovering(path)?.analysis;
  }

  private latestCovering(path: string): Stored | undefined {
    let best: Stored | undefined;
    for (const s of this.analyses.values()) {
      if (covers(s, path) && (!best || s.seq > best.seq)) best = s;
    }
    return best;
  }
}

function covers(s: Stored, path: string): boolean {
  const a = s.analysis;
  if (!a.tests && path.endsWith('_test.go')) return false;
  if (a.scope === 'module') return isInside(path, a.root);
  return path === a.dir || dirOf(path) === a.dir || s.byFile.has(path);
}
