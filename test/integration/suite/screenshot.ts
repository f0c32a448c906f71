// Lets a test ask the runner (runCodeServer.mjs, which drives the browser) for a
// screenshot of the whole VS Code window. Protocol: we write NAME.request into
// GOMEM_SCREENSHOT_DIR; the runner writes NAME.png, then deletes the request.
import * as fs from 'node:fs';
import * as path from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Requests a screenshot named `name` and waits for it. Returns the PNG's path, or
 * undefined when no runner serves screenshots (GOMEM_SCREENSHOT_DIR unset, e.g.
 * under @vscode/test-electron). Throws when the runner does not answer in time.
 */
export async function requestScreenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  const dir = process.env.GOMEM_SCREENSHOT_DIR;
  if (!dir) return undefined;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be [A-Za-z0-9_.-]+: ${name}`);
  fs.mkdirSync(dir, { recursive: true });
  const png = path.join(dir, `${name}.png`);
  const request = path.join(dir, `${name}.request`);
  fs.rmSync(png, { force: true }); // a stale file must not pass for the new one
  fs.writeFileSync(request, new Date().toISOString());

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // The runner deletes the request only after the PNG is fully in place.
    if (!fs.existsSync(request)) {
      if (fs.existsSync(png)) return png;
      throw new Error(`screenshot ${name}: the runner took the request but wrote no ${png}`);
    }
    await sleep(100);
  }
  fs.rmSync(request, { force: true });
  throw new Error(`screenshot ${name}: no answer from the test runner within ${timeoutMs} ms`);
}
