import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import type { GoSessionInfo } from '../../../src/debug/sessionInfo';
import { buildPprofServer, functionValue } from '../../support/fixtureServer';
import { fixtureDir, goAvailable } from '../../support/goTools';
import { gomem, listed, MiB, skipOrFail, until } from './captureSupport';

/**
 * A real Go debug session: the pprofserver fixture launched under Delve
 * (`dlv dap`, through the test-only `go` debug adapter in
 * test/integration/dlv-extension, as vscode-go runs it). gomem must learn
 * the debuggee's PID from Delve's `process` event, find its pprof port
 * among its listening ports (the fixture also serves a non-pprof port), and
 * capture from the session; with gomem.captureOnStop, each stop at a
 * breakpoint yields a heap snapshot once the program runs again.
 */
describe('capture from a Go debug session (Delve)', function () {
  this.timeout(120_000);
  let api: GomemApi;
  let session: vscode.DebugSession | undefined;
  let binary: string;
  const mainGo = path.join(fixtureDir('pprofserver'), 'main.go');
  // In /grow, after growHeap retained N MiB and before the handler's own GC.
  const growLine = fs.readFileSync(mainGo, 'utf8').split('\n').findIndex((l) => l.includes('runtime.GC() // heap profiles are as of the last GC'));
  const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(mainGo), new vscode.Position(growLine, 0)));

  const info = (): GoSessionInfo | undefined => api.goSessions().find((s) => s.id === session?.id);

  before(async function () {
    if (!process.env.GOMEM_TEST_DLV) return skipOrFail(this, 'no Delve (GOMEM_TEST_DLV unset: the runner installs it)');
    if (!goAvailable()) return skipOrFail(this, 'go not found');
    assert.ok(growLine > 0, 'the breakpoint line in the fixture');
    api = await gomem();
    binary = await buildPprofServer();
    // Set before launch: Delve gets it with the configuration, before the program runs.
    vscode.debug.addBreakpoints([breakpoint]);
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.onDidStartDebugSession((s) => {
        if (s.type === 'go') {
          sub.dispose();
          resolve(s);
        }
      });
    });
    const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'go', name: 'pprofserver under Delve', request: 'launch', mode: 'exec', program: binary });
    assert.ok(ok, 'the debug session starts');
    session = await started;
  });

  after(async () => {
    vscode.debug.removeBreakpoints([breakpoint]);
    await vscode.workspace.getConfiguration('gomem').update('captureOnStop', undefined, vscode.ConfigurationTarget.Global);
    if (session) await vscode.debug.stopDebugging(session);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    while (api?.profiles().profiles.length) await vscode.commands.executeCommand('gomem.closeProfile');
  });

  it("learns the debuggee's PID from Delve's process event, and finds its pprof port", async () => {
    const withPid = await until('the PID from the process event', () => info()?.pid !== undefined && info());
    assert.equal(fs.realpathSync(`/proc/${withPid.pid}/exe`), fs.realpathSync(binary), 'the PID is the fixture, not Delve');
    const found = await until('the pprof endpoint', () => info()?.pprofUrl !== undefined && info());
    // The fixture prints its ports; Delve passes its stdout through to the adapter's.
    const printed = await vscode.commands.executeCommand<string>('gomemTest.debuggeeOutput', session!.id);
    const port = /^pprof 127\.0\.0\.1:(\d+)$/m.exec(printed)?.[1];
    assert.ok(port, `the fixture's output: ${printed}`);
    assert.equal(found.pprofUrl, `http://127.0.0.1:${port}/debug/pprof/`, 'the pprof port, not the "other" one');
  });

  it('Capture Heap Profile on the session: the fixture\'s allocation sites, exactly', async () => {
    const file = await vscode.commands.executeCommand<string>('gomem.captureHeap', { target: { sessionId: session!.id }, gc: false });
    assert.ok(file, 'a capture');
    assert.match(path.basename(file), new RegExp(`^heap-pid${info()!.pid}-\\d{8}-\\d{6}(-\\d+)?\\.pb\\.gz$`));
    assert.equal(api.profiles().profiles.find((p) => p.id === api.profiles().activeId)?.path, file, 'opened at once');
    assert.equal(functionValue(file, 'main.retainAtStart', 'inuse_space').flat, 8 * MiB);
    assert.equal(functionValue(file, 'main.retainAtStart', 'inuse_objects').flat, 8);
    assert.equal(functionValue(file, 'main.churnAtStart', 'alloc_space').flat, 4_096_000);
    await listed(api, file);
  });

  it('the target pick offers the running session first', async () => {
    // No arguments: the real quick picks (target, then "GC first?"), each answered with its first item.
    const capture = vscode.commands.executeCommand<string>('gomem.captureHeap');
    let file: string | undefined;
    void capture.then((f) => (file = f ?? 'none'));
    await until('the capture through the quick picks', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return file;
    });
    assert.match(path.basename(file!), new RegExp(`^heap-pid${info()!.pid}-`), 'captured from the debuggee');
    assert.equal(functionValue(file!, 'main.retainAtStart', 'inuse_space').flat, 8 * MiB);
  });

  it('capture on stop: a heap snapshot per stop, taken when the program runs again; consecutive stops compare', async () => {
    await vscode.workspace.getConfiguration('gomem').update('captureOnStop', true, vscode.ConfigurationTarget.Global);
    const base = info()!.pprofUrl!.replace('/debug/pprof/', '');
    const snapshots: string[] = [];
    for (const stop of [1, 2]) {
      // /grow retains 2 MiB more in growHeap, then stops at the breakpoint before its GC.
      const grow = get(`${base}/grow?mb=2`);
      await until(`stop ${stop}`, () => info()?.paused && info()!.stops === stop);
      const name = new RegExp(`^heap-pid${info()!.pid}-stop${stop}-\\d{8}-\\d{6}(-\\d+)?\\.pb\\.gz$`);
      assert.ok(!api.captures().some((e) => name.test(e.name)), 'nothing can be fetched from a paused program');
      await vscode.commands.executeCommand('workbench.action.debug.continue');
      const entry = await until(`the snapshot of stop ${stop}`, () => api.captures().find((e) => name.test(e.name)));
      snapshots.push(entry.path);
      assert.equal(await grow, 'ok\n', 'the stopped request finished after continuing');
      assert.equal(functionValue(entry.path, 'main.growHeap', 'inuse_space').flat, 2 * stop * MiB, `growHeap's retained MiB at stop ${stop}`);
      assert.equal(functionValue(entry.path, 'main.retainAtStart', 'inuse_space').flat, 8 * MiB);
    }
    // Compare stop 2 with stop 1 the way the view's "Compare with…" does (two selected: newer against older).
    const [first, second] = snapshots.map((p) => api.captures().find((e) => e.path === p)!);
    await vscode.commands.executeCommand('gomem.compareCapture', second, [first, second]);
    const state = api.profiles();
    const current = state.profiles.find((p) => p.id === state.activeId)!;
    assert.equal(current.path, second.path);
    assert.equal(state.profiles.find((p) => p.id === current.baseId)?.path, first.path, 'stop 1 is the base');
  });
});

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}
