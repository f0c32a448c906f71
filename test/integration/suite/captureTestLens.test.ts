import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import { functionValue } from '../../support/fixtureServer';
import { fixtureDir, goAvailable } from '../../support/goTools';
import { gomem, listed, skipOrFail } from './captureSupport';

/**
 * The "profile memory · profile CPU · trace" lenses above tests in a real
 * VS Code, on test/fixtures/testprof: a lens runs `go test` on that one test
 * with the user's toolchain settings and opens the profile it wrote, whose
 * values are what the test allocates (newRecord: 1000 × (48 + 64) B).
 */
const PKG = 'example.com/gomem/fixtures/testprof';

describe('profiling a test from its code lens', function () {
  this.timeout(120_000);
  let api: GomemApi;
  let doc: vscode.TextDocument;

  before(async function () {
    if (!goAvailable()) return skipOrFail(this, 'go not found');
    api = await gomem();
    doc = await vscode.workspace.openTextDocument(path.join(fixtureDir('testprof'), 'records_test.go'));
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('go').update('toolsEnvVars', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('go').update('buildTags', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    while (api?.profiles().profiles.length) await vscode.commands.executeCommand('gomem.closeProfile');
  });

  async function lenses(d: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', d.uri);
    return all.filter((l) => l.command?.command === 'gomem.profileTest');
  }

  async function lens(name: string, profile: string, d = doc): Promise<vscode.Command> {
    const ours = await lenses(d);
    const found = ours.find((l) => l.command!.arguments![0].name === name && l.command!.arguments![0].profile === profile);
    assert.ok(found, `a "${profile}" lens above ${name}`);
    return found.command!;
  }

  it('three lenses above each test and benchmark, on its func line', async () => {
    const ours = await lenses(doc);
    assert.equal(ours.length, 12, 'three lenses for each of the four tests and benchmarks');
    assert.deepEqual([...new Set(ours.map((l) => l.command!.arguments![0].name))], ['TestRecords', 'TestRecordsFail', 'TestSlow', 'BenchmarkJoinWords']);
    for (const l of ours) assert.ok(doc.lineAt(l.range.start.line).text.startsWith(`func ${l.command!.arguments![0].name}(`), 'on the func line');
    assert.deepEqual(ours.slice(0, 3).map((l) => l.command!.title), ['$(pulse) profile memory', 'profile CPU', 'trace']);
  });

  it('"profile memory" above TestRecords: every allocation of the test, opened', async () => {
    const cmd = await lens('TestRecords', 'memory');
    const file = await vscode.commands.executeCommand<string>(cmd.command, ...cmd.arguments!);
    assert.match(path.basename(file), /^allocs-TestRecords-\d{8}-\d{6}(-\d+)?\.pb\.gz$/);
    assert.equal(api.profiles().profiles.find((p) => p.id === api.profiles().activeId)?.path, file, 'loaded and active');
    assert.equal(functionValue(file, `${PKG}.newRecord`, 'alloc_space').flat, 1000 * 112);
    assert.equal(functionValue(file, `${PKG}.newRecord`, 'alloc_objects').flat, 2000);
    await listed(api, file);
  });

  it('go.toolsEnvVars reach go test, and a failing test still opens its profile', async () => {
    await vscode.workspace.getConfiguration('go').update('toolsEnvVars', { TESTPROF_FAIL: '1' }, vscode.ConfigurationTarget.Global);
    const cmd = await lens('TestRecordsFail', 'memory');
    const file = await vscode.commands.executeCommand<string>(cmd.command, ...cmd.arguments!);
    assert.ok(file, 'the profile of the failed test');
    assert.equal(functionValue(file, `${PKG}.newRecord`, 'alloc_space').flat, 100 * 112, 'it ran with TESTPROF_FAIL=1 (it skips otherwise)');
  });

  it('go.buildTags reach go test: a test behind a build tag runs', async () => {
    await vscode.workspace.getConfiguration('go').update('buildTags', 'gomemtag', vscode.ConfigurationTarget.Global);
    const tagged = await vscode.workspace.openTextDocument(path.join(fixtureDir('testprof'), 'tagged_test.go'));
    const cmd = await lens('TestTagged', 'memory', tagged);
    const file = await vscode.commands.executeCommand<string>(cmd.command, ...cmd.arguments!);
    assert.equal(functionValue(file, `${PKG}.newRecord`, 'alloc_space').flat, 10 * 112, 'TestTagged ran (it exists only with -tags=gomemtag)');
  });
});
