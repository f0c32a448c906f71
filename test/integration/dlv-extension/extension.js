// Test-only stand-in for vscode-go (which cannot be installed where the
// integration suite runs): debug type `go` served by `dlv dap`, the adapter
// vscode-go itself starts. Delve's path comes from $GOMEM_TEST_DLV, set by
// test/integration/runCodeServer.mjs after ensureDlv.mjs installed it.
'use strict';
const { spawn } = require('node:child_process');
const vscode = require('vscode');

/** What each session's debuggee printed (Delve passes its stdout through), by session id. */
const output = new Map();

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('go', { createDebugAdapterDescriptor: (session) => startDelve(session) }),
    vscode.commands.registerCommand('gomemTest.debuggeeOutput', (sessionId) => output.get(sessionId) ?? ''),
  );
};

/**
 * `dlv dap --listen=127.0.0.1:0`, as vscode-go runs it; VS Code connects to
 * the port it prints. Its stdin stays an open pipe that the debuggee
 * inherits: the pprofserver fixture exits when its stdin closes, so it
 * lives as long as this extension host (and no longer).
 */
function startDelve(session) {
  const dlv = process.env.GOMEM_TEST_DLV;
  if (!dlv) throw new Error('GOMEM_TEST_DLV is not set: the integration runner installs Delve and sets it');
  const child = spawn(dlv, ['dap', '--listen=127.0.0.1:0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  output.set(session.id, '');
  return new Promise((resolve, reject) => {
    let banner = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`dlv dap printed no address within 60 s: ${banner}`)), 60_000);
    const fail = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      reject(err);
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`dlv dap exited (${code}) before listening: ${banner}`)));
    child.stderr.setEncoding('utf8').on('data', (text) => (banner += text));
    // Keep reading stdout for the whole session: a full pipe would block the debuggee's writes.
    child.stdout.setEncoding('utf8').on('data', (text) => {
      output.set(session.id, (output.get(session.id) ?? '') + text);
      const m = /DAP server listening at: ([\d.]+):(\d+)/.exec(output.get(session.id));
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(new vscode.DebugAdapterServer(Number(m[2]), m[1]));
      }
    });
  });
}
