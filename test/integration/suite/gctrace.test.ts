import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GcTraceSummary } from '../../../src/core/gctrace/model';
import { buildGcChurn, gcLinesOf, splitGcLine } from '../../support/gctraceFixture';
import { goAvailable } from '../../support/goTools';
import { gomem, skipOrFail, workspaceDir } from './captureSupport';
import { requestScreenshot } from './screenshot';
import { tokenize } from './textmate';
import { until } from './until';
import { webviewAction } from './webviewAction';

/**
 * GC traces in a real VS Code: a committed GODEBUG=gctrace=1 run opens as
 * language gctrace and VS Code's own tokenizer applies the grammar; any log
 * can be switched to it; the summary panel opens and a click on a cycle
 * reveals its line; a Go program under Delve with GODEBUG=gctrace=1 has its
 * GC lines collected from the debug session's output.
 */
describe('gctrace', () => {
  let golden: string;
  let goldenLines: string[];

  before(async () => {
    const ext = vscode.extensions.getExtension('gomem.gomem')!;
    await gomem();
    golden = path.join(ext.extensionPath, 'test', 'fixtures', 'golden', 'gcchurn.gctrace');
    goldenLines = gcLinesOf(fs.readFileSync(golden, 'utf8'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a .gctrace file gets language gctrace and the grammar\'s tokens', async () => {
    const doc = await vscode.workspace.openTextDocument(golden);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'gctrace');
    // The workbench's own TextMate tokenizer for the document's language: it throws when no grammar is registered for it.
    await vscode.commands.executeCommand('_workbench.colorizeTextMateTokens', doc.uri);
    // The scopes, by VS Code's TextMate engine with the grammar as contributed.
    const tokens = await tokenize('gctrace', doc.getText().split('\n'));
    const scopeOf = (text: string) => tokens.find((x) => x.text === text)?.scopes.at(-1);
    const first = splitGcLine(goldenLines[0]);
    assert.equal(scopeOf('gc'), 'keyword.other.gc.gctrace');
    assert.equal(scopeOf(first.atSec.toFixed(3)), 'constant.numeric.time.gctrace');
    assert.equal(scopeOf('(forced)'), 'keyword.control.forced.gctrace');
    assert.equal(scopeOf('159'), 'constant.numeric.stw.sweep-termination.gctrace', 'gc 36: 159 ms of sweep termination');
    assert.equal(scopeOf('(checking for goroutine leaks)'), 'comment.note.gctrace');
    assert.equal(scopeOf('gcchurn: round 0 done'), 'text.log.gctrace', 'program output stays plain');
    await requestScreenshot('gctrace-grammar');
  });

  it('Highlight as GC Trace switches any log to the grammar', async () => {
    const log = path.join(workspaceDir(), 'program-stderr.txt');
    fs.copyFileSync(golden, log);
    const doc = await vscode.workspace.openTextDocument(log);
    await vscode.window.showTextDocument(doc);
    assert.notEqual(doc.languageId, 'gctrace');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('_workbench.colorizeTextMateTokens', doc.uri)), /Cannot resolve tokenizer/, 'plain text has no grammar');
    const switched = await vscode.commands.executeCommand<vscode.TextDocument>('gomem.highlightGcTrace');
    assert.equal(switched.languageId, 'gctrace');
    await vscode.commands.executeCommand('_workbench.colorizeTextMateTokens', doc.uri);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(log, { force: true });
  });

  it('Summarize GC Trace: the whole log or the selected lines; a click on a cycle reveals its line', async () => {
    const doc = await vscode.workspace.openTextDocument(golden);
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const all = await vscode.commands.executeCommand<GcTraceSummary>('gomem.summarizeGcTrace');
    assert.equal(all.cycles, goldenLines.length);
    assert.equal(all.pauses.maxMs, 159);
    await until('the GC trace panel', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('gomem.gctrace')),
    );
    // Lines 11–20 (0-based 10..19) of the log: the gctrace lines among them.
    editor.selection = new vscode.Selection(10, 0, 19, doc.lineAt(19).text.length);
    const some = await vscode.commands.executeCommand<GcTraceSummary>('gomem.summarizeGcTrace');
    const selected = doc.getText(new vscode.Range(10, 0, 19, 1e6)).split('\n');
    assert.equal(some.cycles, gcLinesOf(selected.join('\n')).length);
    assert.equal(some.otherLines, selected.filter((l) => l.startsWith('gcchurn: ')).length);
    // A real click in the panel on the cycle of line 15 (0-based 14) of the log.
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const target = 14;
    assert.match(doc.lineAt(target).text, /^gc \d+ @/);
    const outcome = await until('the panel to render the cycle link', async () => {
      const o = await webviewAction(`gctrace-click-${Date.now()}`, { selector: `a.cycle[data-line="${target}"]`, action: 'click' });
      return o === undefined || o.ok ? o ?? { ok: true } : undefined;
    });
    assert.ok(outcome.ok);
    if (process.env.GOMEM_SCREENSHOT_DIR) {
      const revealed = await until('the cycle\'s line to be selected', () =>
        vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === golden && e.selection.active.line === target),
      );
      assert.equal(revealed.selection.start.line, target);
    }
    await requestScreenshot('gctrace-summary');
  });

  it('Summarize GC Trace on a log file (a URI, as a picked file is): read from disk, a cut-off line counted as broken', async () => {
    const log = path.join(workspaceDir(), 'cut.log');
    // The committed run with its last gctrace line cut off mid-way, as a killed program leaves it.
    const text = fs.readFileSync(golden, 'utf8');
    fs.writeFileSync(log, text.slice(0, text.lastIndexOf('MB goal')));
    try {
      const s = await vscode.commands.executeCommand<GcTraceSummary>('gomem.summarizeGcTrace', vscode.Uri.file(log));
      assert.equal(s.cycles, goldenLines.length - 1);
      assert.equal(s.malformedLines, 1);
    } finally {
      fs.rmSync(log, { force: true });
    }
  });

  describe('during a Go debug session (Delve)', function () {
    this.timeout(180_000);
    let session: vscode.DebugSession | undefined;

    before(async function () {
      if (!process.env.GOMEM_TEST_DLV) return skipOrFail(this, 'no Delve (GOMEM_TEST_DLV unset: the runner installs it)');
      if (!goAvailable()) return skipOrFail(this, 'go not found');
      const { binary } = await buildGcChurn();
      const started = new Promise<vscode.DebugSession>((resolve) => {
        const sub = vscode.debug.onDidStartDebugSession((s) => {
          if (s.type === 'go') {
            sub.dispose();
            resolve(s);
          }
        });
      });
      // outputMode "remote": Delve sends the program's stdout and stderr as DAP output events, as vscode-go's debug console shows them.
      const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], {
        type: 'go', name: 'gcchurn under Delve', request: 'launch', mode: 'exec', program: binary, args: ['-hold'], env: { GODEBUG: 'gctrace=1' }, outputMode: 'remote',
      });
      assert.ok(ok, 'the debug session starts');
      session = await started;
    });

    after(async () => {
      if (session) await vscode.debug.stopDebugging(session);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('collects the program\'s gctrace lines from the debug console output and summarises them', async () => {
      // Six runtime.GC() rounds, then the program waits: every GC line has arrived once six are forced.
      const api = await gomem();
      const live = await until('six forced GCs collected', () => {
        const t = api.gcTrace(session!.id);
        return t && t.forced >= 6 && t;
      });
      // What the status bar item's click runs: the collected lines as a gctrace log, and their summary.
      const summary = (await vscode.commands.executeCommand<GcTraceSummary | undefined>('gomem.showDebugGcTrace', session!.id))!;
      assert.equal(summary.cycles, live.cycles);
      assert.equal(summary.pauses.maxMs, live.worstMs);
      assert.ok(summary.cycles >= 7, `${summary.cycles} cycles`);
      assert.equal(summary.missingCycles, 0, 'no line lost or split between output events');
      assert.equal(summary.malformedLines, 0);
      const log = vscode.window.activeTextEditor!.document;
      assert.equal(log.languageId, 'gctrace');
      const lines = log.getText().trimEnd().split('\n');
      assert.equal(lines.length, summary.cycles);
      lines.forEach((l, i) => assert.equal(splitGcLine(l).n, i + 1, l));
      // The panel now shows the session's cycles: the last one's link reveals its line in that log.
      const last = summary.cycles - 1;
      if (process.env.GOMEM_SCREENSHOT_DIR) {
        await until('the session\'s summary in the panel', async () => (await webviewAction(`gctrace-session-${Date.now()}`, { selector: `a.cycle[data-line="${last}"]` }))?.ok);
        await until('the last cycle\'s line to be selected', () => vscode.window.activeTextEditor?.document === log && vscode.window.activeTextEditor.selection.active.line === last);
      }
      await requestScreenshot('gctrace-debug-session');
      // The log is an untitled document: close it without a save prompt.
      await vscode.window.showTextDocument(log);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('forgets the session\'s lines when it ends (the status item hides)', async () => {
      const api = await gomem();
      const id = session!.id;
      assert.ok(api.gcTrace(id), 'collected while it runs');
      await vscode.debug.stopDebugging(session);
      session = undefined;
      await until('the collected lines to be dropped', () => api.gcTrace(id) === undefined);
      assert.equal(await vscode.commands.executeCommand('gomem.showDebugGcTrace', id), undefined);
    });
  });
});
