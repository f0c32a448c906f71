import * as vscode from 'vscode';
import { ensureCaptureFolder } from '../capture/captureFolder';
import { showCaptureError } from '../capture/captureErrors';
import { config } from '../config';
import { profileFileName } from '../core/capture/fileName';
import type { Ctx } from '../ctx';
import { captureFromDebuggee } from './debuggeeCapture';
import type { GoSession, GoSessions } from './goSessions';

/**
 * `gomem.captureOnStop`: a heap snapshot for every stop of a Go debug
 * session, named `heap-pid<PID>-stop<N>-<time>.pb.gz`, so consecutive stops
 * can be compared (Compare with… in the Captured Profiles view).
 *
 * A stopped program answers no HTTP: Delve stops every thread, the pprof
 * handler's goroutine too. So the request is sent at the stop, waits in the
 * program's socket queue, and is served the moment the program runs again
 * (Continue or a step), before it gets far: `?gc=1` makes the runtime
 * collect first, so in-use values are the heap as it was at the stop plus
 * whatever runs in the few milliseconds the collection takes to start.
 * One snapshot waits at a time; stops while one waits are skipped (a step
 * that finishes before the handler does leaves it waiting).
 */
export function registerCaptureOnStop(ctx: Ctx, sessions: GoSessions): vscode.Disposable {
  const waiting = new Set<string>();
  const told = new Set<string>();
  const log = (s: GoSession, text: string) => ctx.captureOutput?.appendLine(`${new Date().toLocaleTimeString()} [${s.session.name}] ${text}`);

  const onStop = async (s: GoSession) => {
    if (!config.captureOnStop()) return;
    const stop = s.state.stops;
    const id = s.session.id;
    if (waiting.has(id)) return log(s, `stop ${stop}: skipped, the snapshot of an earlier stop waits for the program to run`);
    const endpoint = s.endpoint?.endpoint;
    if (!endpoint) {
      const why = s.endpoint?.error;
      log(s, `stop ${stop}: no snapshot: ${why?.message ?? noEndpointReason(s)}`);
      if (why?.code === 'no-pprof' && !told.has(id)) {
        told.add(id);
        await showCaptureError(why, 'heap snapshot on stop', ctx.captureOutput);
      }
      return;
    }
    waiting.add(id);
    const frame = trackFrame(s, stop);
    try {
      const outDir = await ensureCaptureFolder(ctx.extension.globalStorageUri);
      const fileName = profileFileName('heap', `${endpoint.label}-stop${stop}`, new Date(), '.pb.gz');
      log(s, `stop ${stop}: heap snapshot requested from ${endpoint.url}; it is taken when the program runs again`);
      const r = await captureFromDebuggee(s, endpoint, { kind: 'heap', gc: true }, { outDir, fileName, limits: config.captureLimits() });
      log(s, `stop ${stop}${frame.text ? ` at ${frame.text}` : ''}: ${r.file} (${r.bytes} bytes)`);
      await ctx.captures?.refresh();
      vscode.window.setStatusBarMessage(`gomem: heap snapshot of stop ${stop} saved`, 5_000);
    } catch (err) {
      log(s, `stop ${stop}: no snapshot: ${(err as Error).message}`);
    } finally {
      frame.dispose();
      waiting.delete(id);
    }
  };
  return sessions.onDidStop((s) => void onStop(s));
}

function noEndpointReason(s: GoSession): string {
  if (s.state.remote) return 'the session debugs a remote process';
  if (s.state.pid === undefined) return 'the debugger has not reported the process ID yet';
  return 'its pprof port was not found yet (the program may not have started serving it)';
}

/** Where stop N is (`main.grow (main.go:84)`), once VS Code has asked for the stack. */
function trackFrame(s: GoSession, stop: number): { readonly text: string | undefined; dispose(): void } {
  let text = s.state.lastStop?.frame;
  const sub = s.onDidChange((c) => {
    if (c === 'frame' && s.state.stops === stop) text = s.state.lastStop?.frame;
  });
  return { get text() { return text; }, dispose: () => sub.dispose() };
}
