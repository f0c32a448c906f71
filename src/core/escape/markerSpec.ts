import type { EscapeSite } from './siteCost';

/** One after-line marker: a short note that the line allocates on the heap. */
export interface EscapeMarker {
  /** 0-based line. */
  line: number;
  text: string;
  /** The heap kinds found on the line. */
  kinds: string[];
}

/**
 * Markers for a file's heap-escape sites: "⇡ heap" after each line where the
 * compiler moves something to the heap (the measured bytes are in the
 * diagnostic and the hover; the per-line profile values sit beside it).
 */
export function escapeMarkers(sites: readonly EscapeSite[]): EscapeMarker[] {
  return sites
    .map((s) => ({ line: s.line - 1, text: '⇡ heap', kinds: [...new Set(s.findings.map((f) => f.kind))] }))
    .sort((a, b) => a.line - b.line);
}
