import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { LineStatsRequest } from '../protocol/lsp';
import { codeLenses } from './codeLens';
import type { LineStatsResult } from '../protocol/types';
import type { DocumentTracker, TrackedDocument } from './documents';
import { hoverFor } from './hover';
import { inlayHints } from './inlayHints';
import { lineStatsFor } from './lineStats';
import { realPath, type LoadedProfile } from './loadedProfile';
import type { ProfileStore } from './profileStore';

/**
 * Line stats per document, memoised on everything they depend on: editors
 * ask again on every scroll (inlay hints) and every repaint (decorations).
 */
function memoStats() {
  interface Entry {
    lp: LoadedProfile;
    base: LoadedProfile | undefined;
    types: string;
    tracked: TrackedDocument | undefined;
    version: number;
    stats: LineStatsResult | null;
  }
  const memo = new Map<string, Entry>();
  return (uri: string, t: { lp: LoadedProfile; file: string; base?: LoadedProfile }, tracked: TrackedDocument | undefined) => {
    // A reload replaces the LoadedProfile object: compare objects, not ids.
    const types = `${t.lp.sampleTypeIndex}/${t.base?.sampleTypeIndex ?? ''}`;
    const version = tracked?.doc.version ?? -1;
    const hit = memo.get(uri);
    if (hit && hit.lp === t.lp && hit.base === t.base && hit.types === types && hit.tracked === tracked && hit.version === version) return hit.stats;
    const stats = lineStatsFor(t.lp, t.file, tracked, t.base);
    memo.set(uri, { lp: t.lp, base: t.base, types, tracked, version, stats });
    return stats;
  };
}

/** Line stats (for the client's decorations), inlay hints, hovers and code lenses. */
export function registerEditorFeatures(conn: Connection, store: ProfileStore, documents: DocumentTracker): void {
  const stats = memoStats();
  const target = (uri: string): { lp: LoadedProfile; file: string; base?: LoadedProfile } | undefined => {
    const lp = store.active();
    if (!lp || !uri.startsWith('file:')) return undefined;
    return { lp, file: realPath(fileURLToPath(uri)), base: lp.baseId ? store.get(lp.baseId) : undefined };
  };
  conn.onRequest(LineStatsRequest, ({ uri }) => {
    const t = target(uri);
    return t ? stats(uri, t, documents.get(uri)) : null;
  });
  conn.languages.inlayHint.on(({ textDocument, range }) => {
    const t = target(textDocument.uri);
    const tracked = documents.get(textDocument.uri);
    const result = t && tracked ? stats(textDocument.uri, t, tracked) : null;
    return result && tracked ? inlayHints(result, tracked, range) : [];
  });
  conn.onHover(({ textDocument, position }) => {
    const t = target(textDocument.uri);
    return t ? hoverFor(t.lp, t.file, documents.get(textDocument.uri), position.line) : null;
  });
  conn.onCodeLens(({ textDocument }) => {
    const t = target(textDocument.uri);
    return t ? codeLenses(t.lp, t.file, documents.get(textDocument.uri)) : [];
  });
}
