#!/usr/bin/env node
// Runs the extension-host test suite under @vscode/test-electron: downloads a VS Code
// build (into .vscode-test/) and launches it. For machines that can reach
// update.code.visualstudio.com (on Linux without a display, wrap in xvfb-run);
// elsewhere use runCodeServer.mjs (same suite).
//
//   node test/integration/runElectron.mjs --workspace DIR [--extension .] \
//        [--tests out/test/integration/suite/index.js] [--results FILE] [--version stable]
//
// There is no browser to drive here, so screenshot requests are not served:
// GOMEM_SCREENSHOT_DIR stays unset and requestScreenshot() returns undefined.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

/**
 * Runs the suite in a downloaded VS Code opened on `workspace`. Returns the suite's
 * JSON results; throws when VS Code ended without writing them.
 */
export async function runInElectron({ extensionPath, testsPath, workspace, resultsFile, version = 'stable' }) {
  extensionPath = path.resolve(extensionPath);
  testsPath = path.resolve(testsPath);
  workspace = path.resolve(workspace);
  resultsFile = path.resolve(resultsFile ?? path.join(os.tmpdir(), `gomem-results-${process.pid}.json`));
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });

  // A fresh profile per run: no state from the developer's own VS Code leaks in.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomem-vscode-user-'));
  let exitError;
  try {
    await runTests({
      version,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userDataDir],
      extensionTestsEnv: {
        GOMEM_TEST_RESULTS: resultsFile,
        GOMEM_TEST_WORKSPACE: workspace,
        GOMEM_SCREENSHOT_DIR: '', // not served here; an inherited value would make tests wait for nothing
      },
    });
  } catch (err) {
    // runTests rejects when VS Code exits non-zero, which is also how failing tests
    // end (run() rejects). The results file tells the two apart.
    exitError = err;
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  if (!fs.existsSync(resultsFile)) {
    throw new Error(`VS Code ended without writing ${resultsFile}${exitError ? `: ${exitError.message ?? exitError}` : ''}`);
  }
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

async function main() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: '.' },
      tests: { type: 'string', default: 'out/test/integration/suite/index.js' },
      workspace: { type: 'string' },
      results: { type: 'string', default: 'test-results/integration-electron.json' },
      version: { type: 'string', default: 'stable' },
    },
  });
  if (!values.workspace) {
    console.error('usage: runElectron.mjs --workspace DIR [--extension DIR] [--tests FILE] [--results FILE] [--version stable|insiders|X.Y.Z]');
    process.exit(2);
  }
  const results = await runInElectron({
    extensionPath: values.extension,
    testsPath: values.tests,
    workspace: values.workspace,
    resultsFile: values.results,
    version: values.version,
  });
  for (const f of results.failures ?? []) console.log(`FAIL ${f.title}\n  ${f.message}`);
  console.log(`integration (electron): ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  process.exit(results.failed > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`[runElectron] ${err.message}`);
    process.exit(1);
  });
}
