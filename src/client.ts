import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions as NodeServerOptions } from 'vscode-languageclient/node';
import { config } from './config';
import type { Ctx } from './ctx';
import { ListProfilesRequest, ProfilesChangedNotification } from './protocol/lsp';
import type { ServerOptions } from './protocol/types';

/**
 * Starts gomem's language server (dist/server.js) over IPC. Profiles loaded in
 * a previous session are handed back at initialize, so a restart — or a crash
 * and automatic restart — reloads them.
 */
export async function startClient(ctx: Ctx): Promise<LanguageClient> {
  const module = ctx.extension.asAbsolutePath('dist/server.js');
  const server: NodeServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'go' }],
    initializationOptions: () => initOptions(ctx),
    outputChannelName: 'gomem',
    middleware: {
      // Values are drawn once: as decorations (default) or as inlay hints.
      provideInlayHints: (doc, range, token, next) =>
        config.inlineValues() && config.inlineValuesStyle() === 'inlayHints' ? next(doc, range, token) : [],
      provideCodeLenses: (doc, token, next) => (config.codeLens() ? next(doc, token) : []),
    },
  };
  const client = new LanguageClient('gomem', 'gomem', server, clientOptions);
  ctx.client = client;
  ctx.ownForServer(client.onNotification(ProfilesChangedNotification, (s) => ctx.setProfiles(s)));
  ctx.ownForServer(
    client.onDidChangeState(async (e) => {
      // After an automatic restart the server reloaded the profiles; tell the views.
      if (e.newState === 2 /* Running */) ctx.setProfiles(await client.sendRequest(ListProfilesRequest));
    }),
  );
  await client.start();
  ctx.setProfiles(await client.sendRequest(ListProfilesRequest));
  return client;
}

function initOptions(ctx: Ctx): ServerOptions {
  const { activeId, profiles } = ctx.profiles;
  return {
    maxProfileBytes: config.maxProfileBytes(),
    substitutePath: config.substitutePath(),
    trusted: vscode.workspace.isTrusted,
    goBinary: config.goBinary(),
    profiles: profiles.map((p) => ({ path: p.path, sampleType: p.sampleTypes[p.sampleTypeIndex]?.type })),
    activeProfile: profiles.find((p) => p.id === activeId)?.path,
  };
}

export async function stopClient(ctx: Ctx): Promise<void> {
  const client = ctx.client;
  ctx.client = undefined;
  ctx.disposeServerScope();
  if (client) await client.stop().catch(() => undefined);
}
