import type { FlameToHost } from '../../protocol/flame';
import { FlameApp } from './app';

/**
 * The flame graph webview. Data arrives only by message after "ready"
 * (DESIGN rule 3); the page asks the host for nothing but the allow-listed
 * FlameToHost messages.
 */
interface VsCodeApi {
  postMessage(m: FlameToHost): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = new FlameApp(document.getElementById('app') as HTMLElement, {
  post: (m) => vscode.postMessage(m),
  saved: () => vscode.getState(),
  save: (s) => vscode.setState(s),
});
window.addEventListener('message', (e: MessageEvent<unknown>) => app.receive(e.data));
vscode.postMessage({ type: 'ready' });
