import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { LineStatsRequest } from '../protocol/lsp';
import { codeLenses } from './codeLens';
import type { DocumentTracker } from './documents';
import { hoverFor } from './hover';
import { inlayHints } from './inlayHints';
import { lineStatsFor } from './lineStats';
import { realPath, type LoadedProfile } from './loadedProfile';
import type { ProfileStore } from './profileStore';

/** Line stats (for the client's decorations), inlay hints, hovers and code lenses. */
export function registerEditorFeatures(conn: Connection, store: ProfileStore, documents: DocumentTracker): void {
  const target = (uri: string): { lp: LoadedProfile; file: string; base?: LoadedProfile } | undefined => {
    const lp = store.active();
    if (!lp || !uri.startsWith('file:')) return undefined;
    return { lp, file: realPath(fileURLToPath(uri)), base: lp.baseId ? store.get(lp.baseId) : undefined };
  };
  conn.onRequest(LineStatsRequest, ({ uri }) => {
    const t = target(uri);
    return t ? lineStatsFor(t.lp, t.file, documents.get(uri), t.base) : null;
  });
  conn.languages.inlayHint.on(({ textDocument, range }) => {
    const t = target(textDocument.uri);
    const tracked = documents.get(textDocument.uri);
    const stats = t && tracked ? lineStatsFor(t.lp, t.file, tracked, t.base) : null;
    return stats && tracked ? inlayHints(stats, tracked, range) : [];
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
