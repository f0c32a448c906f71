import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createProtocolConnection, InitializeRequest, type ClientCapabilities, type ProtocolConnection } from 'vscode-languageserver-protocol';
import type { ServerOptions } from '../../src/protocol/types';
import { repoRoot } from './goTools';

/**
 * A plain LSP client talking to the built server (dist/server.js --stdio),
 * as Neovim or Helix would: no VS Code involved.
 */
export interface ServerUnderTest {
  conn: ProtocolConnection;
  proc: ChildProcess;
  stderr: () => string;
  close(): Promise<void>;
}

export interface StartOptions {
  init?: Partial<ServerOptions>;
  /** Client capabilities to announce (e.g. inlay hint refresh support). */
  capabilities?: ClientCapabilities;
  /** Extra node flags for the server process (e.g. --expose-gc). */
  execArgv?: string[];
  /** Called for server → client requests, by method. */
  onRequest?: Record<string, () => unknown>;
}

export async function startServer(workspace: string, o: StartOptions = {}): Promise<ServerUnderTest> {
  const args = [...(o.execArgv ?? []), join(repoRoot(), 'dist', 'server.js'), '--stdio'];
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr?.on('data', (d) => (err += String(d)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  for (const [method, handler] of Object.entries(o.onRequest ?? {})) conn.onRequest(method, handler);
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    capabilities: o.capabilities ?? {},
    initializationOptions: { trusted: true, ...o.init },
  });
  await conn.sendNotification('initialized', {});
  return {
    conn,
    proc,
    stderr: () => err,
    async close() {
      await conn.sendRequest('shutdown').catch(() => undefined);
      await conn.sendNotification('exit').catch(() => undefined);
      conn.dispose();
      await new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
    },
  };
}
