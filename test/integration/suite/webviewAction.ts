// Lets a test ask the runner for a real pointer action inside a webview (the
// extension host cannot reach into webview iframes). Protocol: write
// NAME.action.json into GOMEM_SCREENSHOT_DIR; the runner performs it with
// Playwright and answers NAME.done.json.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WebviewAction {
  /** A CSS selector that exists only in the wanted webview. */
  selector: string;
  action?: 'click' | 'dblclick';
  /** Where, as fractions of the element's box, or pixels from its top-left. */
  xFraction?: number;
  yFraction?: number;
  xPx?: number;
  yPx?: number;
}

export interface ActionOutcome {
  ok: boolean;
  error?: string;
  box?: { width: number; height: number };
}

/** Performs the action, or returns undefined where no runner serves actions. */
export async function webviewAction(name: string, action: WebviewAction, timeoutMs = 15_000): Promise<ActionOutcome | undefined> {
  const dir = process.env.GOMEM_SCREENSHOT_DIR;
  if (!dir) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  const done = path.join(dir, `${name}.done.json`);
  fs.rmSync(done, { force: true });
  fs.writeFileSync(path.join(dir, `${name}.action.json`), JSON.stringify(action));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, 'utf8')) as ActionOutcome;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`webview action ${name}: no answer from the runner in ${timeoutMs} ms`);
}
