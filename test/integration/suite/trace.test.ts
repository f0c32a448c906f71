import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GomemApi } from '../../../src/api';
import { summarizeTraceFile } from '../../../src/node/traceFile';
import { requestScreenshot } from './screenshot';
import { webviewAction } from './webviewAction';
import { until } from './until';

/**
 * The trace summary in a real VS Code: opening a committed Go 1.26 trace
 * shows the panel, and a real click on a stack frame in it opens that file
 * at that line beside the panel.
 */

describe('trace summary', () => {
  let trace: string;

  before(async () => {
    const ext = vscode.extensions.getExtension<GomemApi>('gomem.gomem')!;
    await ext.activate();
    trace = path.join(ext.extensionPath, 'test', 'fixtures', 'golden', 'traces', 'block-go1.26.trace');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens as a panel and a stack frame link opens its source line', async () => {
    await vscode.commands.executeCommand('gomem.openTraceSummary', trace);
    await until('the trace summary tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'gomem.trace'),
    );
    // The panel opens the heaviest blocking reason's heaviest stack; its leaf is in the runtime (GOROOT).
    const s = await summarizeTraceFile(trace, 20);
    const frame = s.blocked[0].topStacks[0].stack[0];
    const outcome = await until('the summary to render the frame link', async () => {
      const o = await webviewAction(`trace-click-${Date.now()}`, { selector: `a.frame[data-file="${frame.file}"][data-line="${frame.line}"]`, action: 'click' });
      return o === undefined || o.ok ? o ?? { ok: true } : undefined;
    });
    assert.ok(outcome.ok);
    const editor = await until(`${frame.file} opened`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath.endsWith(frame.file)));
    assert.equal(editor.selection.active.line + 1, frame.line);
    await requestScreenshot('trace-summary');
  });
});
