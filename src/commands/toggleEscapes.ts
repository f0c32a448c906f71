import * as vscode from 'vscode';
import { config } from '../config';

/** "Go Memory: Toggle Escape Annotations": escape diagnostics, markers and hovers on or off for this workspace. */
export function toggleEscapes() {
  return async (): Promise<boolean> => {
    const on = !config.escapeEnabled();
    await config.setEscapeEnabled(on);
    vscode.window.setStatusBarMessage(`gomem: escape annotations ${on ? 'on' : 'off'}`, 3000);
    return on;
  };
}
