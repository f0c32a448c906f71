// Checks the harness itself: the suite runs inside a real VS Code opened on the
// workspace the runner chose, and screenshots come back as real PNG files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { requestScreenshot } from './screenshot';

describe('integration harness', () => {
  it('runs in a real VS Code', () => {
    assert.equal(typeof vscode.version, 'string');
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('opened the workspace the runner was given', function () {
    const expected = process.env.GOMEM_TEST_WORKSPACE;
    if (!expected) this.skip(); // runners that do not say which folder they opened
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    assert.equal(fs.realpathSync(folders[0].uri.fsPath), fs.realpathSync(expected));
  });

  it('gets a screenshot of the window', async function () {
    if (!process.env.GOMEM_SCREENSHOT_DIR) this.skip(); // only the code-server runner drives a browser
    const png = await requestScreenshot('harness-workbench');
    assert.ok(png, 'a screenshot path');
    const bytes = fs.readFileSync(png);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(bytes.length > 10_000, `a real picture, not an empty one (${bytes.length} bytes)`);
  });
});
