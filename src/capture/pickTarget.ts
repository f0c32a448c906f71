import * as vscode from 'vscode';
import { config } from '../config';
import type { Ctx } from '../ctx';
import type { GoSession } from '../debug/goSessions';
import { CaptureError, endpointFromUrl, findPprofProcesses, type PprofProcess } from '../node/capture';
import { CaptureMemory } from './captureMemory';
import { pidTarget, sessionTarget, urlTarget, type CaptureTarget } from './captureTarget';

type Item = vscode.QuickPickItem & { target?: () => CaptureTarget; enterUrl?: boolean; recentUrl?: string };

const FORGET: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('close'), tooltip: 'Forget this URL' };

/**
 * One quick pick of everything a capture can come from, best first: running
 * Go debug sessions, local processes serving pprof (found while the pick is
 * open), URLs used before in this workspace and the `gomem.pprofUrl`
 * setting, and "Enter URL…". Typing a URL offers it directly.
 */
export async function pickTarget(ctx: Ctx, title: string): Promise<CaptureTarget | undefined> {
  const memory = new CaptureMemory(ctx.extension.workspaceState);
  const sessions = ctx.goSessions?.list() ?? [];
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = title;
  qp.placeholder = 'Capture from… (or type a URL such as localhost:6060)';
  qp.matchOnDescription = true;
  qp.keepScrollPosition = true;
  let processes: Item[] | undefined;
  const render = (keepActive = false) => {
    // Items that arrive while the pick is open must not move the user's choice; typing may.
    const active = keepActive ? qp.activeItems[0]?.label : undefined;
    qp.items = [typedUrlItem(qp.value), ...sessionItems(sessions), ...(processes ?? []), ...urlItems(memory), enterUrlItem()].filter((i): i is Item => i !== undefined);
    const again = active === undefined ? undefined : qp.items.find((i) => i.label === active);
    if (again) qp.activeItems = [again];
  };
  const search = new AbortController();
  qp.busy = true;
  void findPprofProcesses({ timeoutMs: 1_000, signal: search.signal })
    .then((found) => (processes = processItems(found, sessions)))
    .catch(() => (processes = []))
    .finally(() => {
      qp.busy = false;
      render(true);
    });
  render();
  try {
    const chosen = await new Promise<Item | undefined>((resolve) => {
      qp.onDidChangeValue(() => render());
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
      qp.onDidTriggerItemButton(async (e) => {
        if (e.item.recentUrl) await memory.forgetUrl(e.item.recentUrl);
        render(true);
      });
      qp.show();
    });
    qp.hide();
    if (chosen?.enterUrl) return await enterUrl();
    return chosen?.target?.();
  } finally {
    search.abort();
    qp.dispose();
  }
}

function sessionItems(sessions: readonly GoSession[]): Item[] {
  if (sessions.length === 0) return [];
  return [
    { label: 'debug sessions', kind: vscode.QuickPickItemKind.Separator },
    ...sessions.map((s) => ({ label: `$(debug-alt) ${s.session.name}`, description: describeSession(s), target: () => sessionTarget(s) })),
  ];
}

/** `PID 4242 · 127.0.0.1:41677 · paused`: what is known about a session's debuggee. */
export function describeSession(s: GoSession): string {
  const st = s.state;
  if (st.remote) return 'remote process: use its URL';
  if (st.pid === undefined) return 'waiting for its process ID';
  const endpoint = s.endpoint?.endpoint;
  const port = endpoint ? new URL(endpoint.url).host : s.endpoint?.error?.code === 'no-pprof' ? 'no pprof found' : 'looking for pprof…';
  return [`PID ${st.pid}`, port, st.paused ? 'paused: captures when it continues' : undefined].filter(Boolean).join(' · ');
}

function processItems(found: readonly PprofProcess[], sessions: readonly GoSession[]): Item[] {
  const debugged = new Set(sessions.map((s) => s.state.pid));
  const rest = found.filter((p) => !debugged.has(p.pid));
  if (rest.length === 0) return [];
  return [
    { label: 'local processes serving pprof', kind: vscode.QuickPickItemKind.Separator },
    ...rest.map((p) => ({
      label: `$(server-process) ${p.name ?? `PID ${p.pid}`}`,
      description: `PID ${p.pid} · ${p.endpoints.map((e) => new URL(e.url).host).join(', ')}`,
      target: () => pidTarget(p.pid, p.name),
    })),
  ];
}

function urlItems(memory: CaptureMemory): Item[] {
  const setting = config.pprofUrl();
  const recent = memory.recentUrls().filter((u) => u !== setting);
  const items: Item[] = [];
  if (setting) items.push({ label: `$(globe) ${setting}`, description: 'gomem.pprofUrl', target: () => urlTarget(setting) });
  for (const url of recent) items.push({ label: `$(history) ${url}`, description: 'used before', buttons: [FORGET], recentUrl: url, target: () => urlTarget(url) });
  return items.length ? [{ label: 'URLs', kind: vscode.QuickPickItemKind.Separator }, ...items] : [];
}

function enterUrlItem(): Item {
  return { label: '$(edit) Enter URL…', description: 'http or https, e.g. a kubectl port-forward', alwaysShow: true, enterUrl: true };
}

/** What the user is typing, when it reads as a URL. */
function typedUrlItem(value: string): Item | undefined {
  const text = value.trim();
  if (!/[:./]/.test(text) || urlError(text)) return undefined;
  return { label: `$(globe) ${text}`, description: 'capture from this URL', alwaysShow: true, target: () => urlTarget(text) };
}

async function enterUrl(): Promise<CaptureTarget | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'pprof URL',
    prompt: 'The program\'s net/http/pprof address: host:port, or a URL (http or https, any host, any path prefix)',
    placeHolder: 'http://localhost:6060/debug/pprof/',
    value: config.pprofUrl() || 'http://localhost:6060/debug/pprof/',
    validateInput: (v) => urlError(v.trim()),
  });
  return url ? urlTarget(url.trim()) : undefined;
}

function urlError(text: string): string | undefined {
  try {
    endpointFromUrl(text);
    return undefined;
  } catch (err) {
    return err instanceof CaptureError ? err.message : String(err);
  }
}
