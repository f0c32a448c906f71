/** One after-line marker: a short note that the line allocates on the heap. */
export interface EscapeMarker {
  /** 0-based line. */
  line: number;
  text: string;
}

/**
 * Markers for a file's heap-escape sites (0-based lines): "⇡ heap" after
 * each line where the compiler moves something to the heap. The measured
 * bytes are in the diagnostic and the hover; a profile's per-line values
 * sit beside the marker anyway.
 */
export function escapeMarkers(sites: readonly { line: number }[]): EscapeMarker[] {
  const lines = [...new Set(sites.map((s) => s.line))].sort((a, b) => a - b);
  return lines.map((line) => ({ line, text: '⇡ heap' }));
}
