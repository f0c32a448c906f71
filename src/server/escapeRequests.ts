import type { Connection } from 'vscode-languageserver/node';
import { utf16Offset } from '../core/escape/columns';
import { escapeHoverMarkdown } from '../core/escape/hoverMarkdown';
import { measureLabel, type EscapeSite, type SiteMeasure } from '../core/escape/siteCost';
import { EscapeHoverRequest, EscapeOutputRequest, EscapeRunRequest, EscapeSitesRequest, EscapeViewRequest } from '../protocol/lsp';
import type { EscapeSiteInfo } from '../protocol/types';
import type { SourceAccess } from './escapeDiagnostics';
import { EscapeService } from './escapeService';
import type { ProfileStore } from './profileStore';

/**
 * Escape analysis in the language server: the client asks for runs (it
 * knows the active file, saves and workspace trust), says which kinds show,
 * and reads sites, hovers and the raw compiler output.
 */
export function registerEscapeAnalysis(conn: Connection, store: ProfileStore): EscapeService {
  const service = new EscapeService(conn, store);
  conn.onRequest(EscapeRunRequest, (p) => service.run(p));
  conn.onRequest(EscapeViewRequest, (p) => service.setView(p));
  conn.onRequest(EscapeSitesRequest, ({ uri, scope }) => {
    const src = service.sourceAccess();
    const info = service.measure();
    const lp = store.active();
    const sites = service.sites(scope === 'file' && uri ? service.remember(uri) : undefined);
    return {
      sites: sites.map((s) => siteInfo(s, src, info && lp ? (m) => measureLabel(m, info) : undefined)),
      profileName: info && lp ? lp.path.replace(/^.*[\\/]/, '') : undefined,
      sampleType: info?.sampleType,
      total: info?.total,
    };
  });
  conn.onRequest(EscapeHoverRequest, ({ uri, line }) => {
    const file = service.remember(uri);
    const here = service.shown(file).filter((f) => f.line === line + 1);
    if (here.length === 0) return null;
    const src = service.sourceAccess();
    return escapeHoverMarkdown(here, (f) => src.uriOf(f), service.measure());
  });
  conn.onRequest(EscapeOutputRequest, ({ uri }) => {
    const a = service.results.latest(service.remember(uri));
    return a ? { scope: a.scope, quick: a.quick, dir: a.dir, args: a.args, text: a.text } : null;
  });
  return service;
}

function siteInfo(s: EscapeSite, src: SourceAccess, label?: (m: SiteMeasure) => string): EscapeSiteInfo {
  const messages = s.findings.map((f) => f.message);
  return {
    uri: src.uriOf(s.file),
    line: s.line - 1,
    character: utf16Offset(src.line(s.file, s.line), s.column),
    kinds: [...new Set(s.findings.map((f) => f.kind))],
    messages,
    bytes: s.bytes,
    objects: s.objects,
    label: `${messages.join('; ')}${label ? ` — ${label(s)}` : ''}`,
  };
}
