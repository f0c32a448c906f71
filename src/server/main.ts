import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { createSourceResolver, type SourceResolver } from '../core/paths/resolveSource';
import { ProfileFormatError } from '../core/pprof/errors';
import { DEFAULT_MAX_DECOMPRESSED } from '../core/pprof/gunzip';
import { goPaths } from '../node/goEnv';
import { rootFor } from '../node/moduleRoot';
import {
  LineStatsRequest,
  ListProfilesRequest,
  LoadProfileRequest,
  ProfilesChangedNotification,
  SetActiveProfileRequest,
  SetSampleTypeRequest,
  TopRowsRequest,
  UnloadProfileRequest,
  type ServerOptions,
} from '../protocol/lsp';
import { DocumentTracker } from './documents';
import { lineStatsFor } from './lineStats';
import { profileInfo, realPath } from './loadedProfile';
import { ProfileStore } from './profileStore';
import { topRows } from './topRows';

/**
 * gomem's language server. VS Code starts it over IPC; any LSP editor starts
 * it as `gomem-lsp --stdio`. Decoding happens here, never in the editor.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new DocumentTracker();
let store: ProfileStore;

connection.onInitialize(async (params: InitializeParams) => {
  const opts = serverOptions(params.initializationOptions);
  const roots = (params.workspaceFolders ?? []).map((f) => rootFor(fileURLToPath(f.uri)));
  let resolver: SourceResolver | undefined;
  store = new ProfileStore(opts.maxProfileBytes, async () => {
    if (!resolver) {
      const go = await goPaths({ go: opts.goBinary, runGo: opts.trusted });
      resolver = createSourceResolver({ roots, ...go, substitutions: opts.substitutePath, exists: existsSync });
    }
    return resolver;
  });
  for (const path of opts.profiles ?? []) {
    await store.load(path).catch((err) => connection.console.warn(`gomem: could not reload ${path}: ${(err as Error).message}`));
  }
  const active = opts.activeProfile && store.state().profiles.find((p) => p.path === opts.activeProfile);
  if (active) store.setActive(active.id);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'gomem-lsp', version: '0.1.0' },
  };
});

function serverOptions(raw: unknown): ServerOptions {
  const o = (raw ?? {}) as Partial<ServerOptions>;
  return {
    maxProfileBytes: typeof o.maxProfileBytes === 'number' && o.maxProfileBytes > 0 ? o.maxProfileBytes : DEFAULT_MAX_DECOMPRESSED,
    substitutePath: Array.isArray(o.substitutePath) ? o.substitutePath : [],
    trusted: o.trusted ?? true,
    goBinary: o.goBinary,
    profiles: o.profiles,
    activeProfile: o.activeProfile,
  };
}

connection.onDidOpenTextDocument((p) => documents.open(p));
connection.onDidChangeTextDocument((p) => documents.change(p));
connection.onDidCloseTextDocument((p) => documents.close(p.textDocument.uri));

const changed = () => connection.sendNotification(ProfilesChangedNotification, store.state());

connection.onRequest(LoadProfileRequest, async ({ path }) => {
  try {
    const lp = await store.load(path);
    changed();
    return profileInfo(lp);
  } catch (err) {
    throw asResponseError(err);
  }
});

connection.onRequest(UnloadProfileRequest, ({ id }) => {
  store.unload(id);
  changed();
  return store.state();
});

connection.onRequest(SetActiveProfileRequest, ({ id }) => {
  if (id) store.setActive(id);
  changed();
  return store.state();
});

connection.onRequest(ListProfilesRequest, () => store.state());

connection.onRequest(SetSampleTypeRequest, ({ id, sampleType }) => {
  const lp = store.get(id);
  if (!lp) throw new ResponseError(1, 'no profile is loaded');
  const types = lp.profile.sampleTypes;
  const index = typeof sampleType === 'number' ? sampleType : types.findIndex((t) => t.type === sampleType);
  if (!(index >= 0 && index < types.length)) throw new ResponseError(2, `unknown sample type ${String(sampleType)}`);
  lp.sampleTypeIndex = index;
  changed();
  return profileInfo(lp);
});

connection.onRequest(LineStatsRequest, ({ uri }) => {
  const lp = store?.active();
  if (!lp || !uri.startsWith('file:')) return null;
  return lineStatsFor(lp, realPath(fileURLToPath(uri)), documents.get(uri));
});

connection.onRequest(TopRowsRequest, (params) => {
  const lp = store.get(params.id);
  if (!lp) throw new ResponseError(1, 'no profile is loaded');
  return topRows(lp, params);
});

function asResponseError(err: unknown): ResponseError<void> {
  if (err instanceof ProfileFormatError) return new ResponseError(3, err.message);
  return new ResponseError(4, err instanceof Error ? err.message : String(err));
}

connection.listen();
