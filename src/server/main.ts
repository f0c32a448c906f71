import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { createSourceResolver, type SourceResolver } from '../core/paths/resolveSource';
import { DEFAULT_MAX_DECOMPRESSED } from '../core/pprof/gunzip';
import { goPaths } from '../node/goEnv';
import { rootFor } from '../node/moduleRoot';
import { ProfilesChangedNotification } from '../protocol/lsp';
import { SERVER_COMMANDS, type ServerOptions } from '../protocol/types';
import { DocumentTracker } from './documents';
import { registerEditorFeatures } from './editorFeatures';
import { registerEscapeAnalysis } from './escapeRequests';
import { registerFlameRequests } from './flameRequests';
import { registerTraceRequests } from './traceRequests';
import { registerGoroutineRequests } from './goroutineRequests';
import { ProfileStore } from './profileStore';
import { profileActions, registerProfileRequests, SERVER_VERSION } from './profileRequests';

/**
 * gomem's language server. VS Code starts it over IPC; any LSP editor starts
 * it as `gomem-lsp --stdio`. Decoding happens here, never in the editor.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new DocumentTracker();
const store = new ProfileStore(DEFAULT_MAX_DECOMPRESSED, async () => createSourceResolver({ roots: [], substitutions: [], exists: existsSync }));
let refresh = { inlayHints: false, codeLenses: false };

connection.onInitialize(async (params: InitializeParams) => {
  const opts = serverOptions(params.initializationOptions);
  const firstFolder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  store.configure(opts.maxProfileBytes, resolverFor(params, opts), firstFolder ? fileURLToPath(firstFolder) : undefined);
  refresh = {
    inlayHints: !!params.capabilities.workspace?.inlayHint?.refreshSupport,
    codeLenses: !!params.capabilities.workspace?.codeLens?.refreshSupport,
  };
  await reloadProfiles(opts);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      inlayHintProvider: true,
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
    },
    serverInfo: { name: 'gomem-lsp', version: SERVER_VERSION },
  };
});

function serverOptions(raw: unknown): ServerOptions {
  const o = (raw ?? {}) as Partial<ServerOptions>;
  return {
    maxProfileBytes: typeof o.maxProfileBytes === 'number' && o.maxProfileBytes > 0 ? o.maxProfileBytes : DEFAULT_MAX_DECOMPRESSED,
    substitutePath: Array.isArray(o.substitutePath) ? o.substitutePath : [],
    trusted: o.trusted ?? true,
    goBinary: o.goBinary,
    profiles: Array.isArray(o.profiles) ? o.profiles.filter((p) => typeof p?.path === 'string') : [],
    activeProfile: o.activeProfile,
  };
}

/** Source resolution needs GOROOT/GOMODCACHE; ask once, lazily (`go env` only when trusted). */
function resolverFor(params: InitializeParams, opts: ServerOptions): () => Promise<SourceResolver> {
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []);
  const roots = folders.map((f) => rootFor(fileURLToPath(f.uri)));
  let resolver: Promise<SourceResolver> | undefined;
  return () =>
    (resolver ??= goPaths({ go: opts.goBinary, runGo: opts.trusted }).then((go) =>
      createSourceResolver({ roots, ...go, substitutions: opts.substitutePath, exists: existsSync }),
    ));
}

/** A restarted server gets back the profiles the client had loaded. */
async function reloadProfiles(opts: ServerOptions): Promise<void> {
  for (const { path, sampleType } of opts.profiles ?? []) {
    try {
      const lp = await store.load(path);
      const index = lp.profile.sampleTypes.findIndex((t) => t.type === sampleType);
      if (index >= 0) lp.sampleTypeIndex = index;
    } catch (err) {
      connection.console.warn(`gomem: could not reload ${path}: ${(err as Error).message}`);
    }
  }
  const active = opts.activeProfile && store.state().profiles.find((p) => p.path === opts.activeProfile);
  if (active) store.setActive(active.id);
}

/** Tells the client what changed and asks it to re-query hints and lenses. */
function changed(): void {
  void connection.sendNotification(ProfilesChangedNotification, store.state());
  if (refresh.inlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
  if (refresh.codeLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

connection.onDidOpenTextDocument((p) => documents.open(p));
connection.onDidChangeTextDocument((p) => documents.change(p));
connection.onDidCloseTextDocument((p) => documents.close(p.textDocument.uri));
registerProfileRequests(connection, store, profileActions(store, changed), changed);
registerEditorFeatures(connection, store, documents);
registerFlameRequests(connection, store, documents);
registerTraceRequests(connection, store);
registerGoroutineRequests(connection, store);
registerEscapeAnalysis(connection, store);
connection.listen();
