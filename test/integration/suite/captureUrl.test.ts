import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import { functionValue, startPprofServer, type PprofServer } from '../../support/fixtureServer';
import { goAvailable } from '../../support/goTools';
import { gomem, listed, MiB, skipOrFail, until, workspaceDir } from './captureSupport';
import { requestScreenshot } from './screenshot';

/**
 * Capturing from a URL in a real VS Code: the pprofserver fixture serves
 * pprof on a loopback port; the capture commands, given that URL, write
 * into the workspace's .gomem/ (with its .gitignore), the Captured Profiles
 * view lists the file, and the profile opens with the fixture's known
 * values (test/fixtures/pprofserver/README.md).
 */
describe('capture from a URL', function () {
  this.timeout(120_000);
  let api: GomemApi;
  let server: PprofServer;

  before(async function () {
    if (!goAvailable()) return skipOrFail(this, 'go not found');
    api = await gomem();
    server = await startPprofServer();
  });

  after(async () => {
    server?.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    while (api?.profiles().profiles.length) await vscode.commands.executeCommand('gomem.closeProfile');
  });

  it('Capture Allocs Profile: a file in .gomem/ that the view lists and that opens at once', async () => {
    const file = await vscode.commands.executeCommand<string>('gomem.captureAllocs', { target: `127.0.0.1:${server.pprofPort}` });
    assert.ok(file, 'the command returns the saved file');
    assert.equal(path.dirname(file), path.join(workspaceDir(), '.gomem'));
    assert.equal(fs.readFileSync(path.join(workspaceDir(), '.gomem', '.gitignore'), 'utf8'), '*\n');
    const entry = await listed(api, file);
    assert.deepEqual([entry.kind, entry.target, entry.bytes], ['allocs', `127.0.0.1_${server.pprofPort}`, fs.statSync(file).size]);
    const active = api.profiles().profiles.find((p) => p.id === api.profiles().activeId);
    assert.equal(active?.path, file, 'loaded and active: the per-line view shows it');
    assert.equal(functionValue(file, 'main.churnAtStart', 'alloc_space').flat, 4_096_000);
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('gomem.captures.focus');
    await requestScreenshot('captures-view');
  });

  it('the view follows files added, renamed and deleted on disk', async () => {
    const dir = path.join(workspaceDir(), '.gomem');
    const copy = path.join(dir, 'copied-by-hand.pb.gz');
    fs.copyFileSync(api.captures()[0].path, copy);
    await listed(api, copy);
    const renamed = path.join(dir, 'renamed-by-hand.pb.gz');
    fs.renameSync(copy, renamed);
    await listed(api, renamed);
    await until('the old name to go', () => !api.captures().some((e) => e.path === copy));
    fs.rmSync(renamed);
    await until('the deleted file to go', () => !api.captures().some((e) => e.path === renamed));
  });

  it('Capture Heap Delta: negative values when the program frees memory in the window', async () => {
    const capture = vscode.commands.executeCommand<string>('gomem.captureHeapDelta', { target: server.pprofUrl, seconds: 4 });
    // The window opens when the request reaches the fixture; release inside it.
    await until('the delta request to reach the fixture', () => connectedTo(server.pprofPort));
    await server.control('/release');
    const file = await capture;
    assert.match(path.basename(file), /^heap-delta-127\.0\.0\.1_\d+-\d{8}-\d{6}(-\d+)?\.pb\.gz$/);
    assert.equal(functionValue(file, 'main.retainAtStart', 'inuse_space').flat, -8 * MiB);
    assert.equal((await listed(api, file)).kind, 'heap-delta');
  });

  it('Capture Execution Trace: a .trace file, listed', async () => {
    const file = await vscode.commands.executeCommand<string>('gomem.captureTrace', { target: server.pprofUrl, seconds: 0.5 });
    assert.match(file, /\.trace$/);
    assert.match(fs.readFileSync(file).subarray(0, 16).toString('latin1'), /^go 1\.\d\d trace\0+$/, 'a Go 1.22+ execution trace header');
    const entry = await listed(api, file);
    assert.deepEqual([entry.kind, entry.trace], ['trace', true]);
  });
});

/** Whether a TCP connection to 127.0.0.1:port is established (the server's side, from /proc/net/tcp). */
function connectedTo(port: number): boolean {
  const rows = fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1);
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return rows.some((r) => {
    const f = r.trim().split(/\s+/);
    return f[1] === local && f[3] === '01';
  });
}
