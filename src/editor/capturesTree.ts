import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { captureFolderPath } from '../capture/captureFolder';
import { captureLabel, parseCaptureName } from '../capture/captureName';
import { listCaptures, type CaptureEntry } from '../capture/listCaptures';
import { formatValue } from '../core/format/units';

export const CAPTURES_VIEW_ID = 'gomem.captures';

/**
 * The "Captured Profiles" view: the files of the captures folder, newest
 * first, as `heap · pid4242` with time and size. They are plain files, so
 * the list survives reloads; a file-system watcher keeps it current when
 * files are added, renamed or deleted outside gomem.
 */
export class CapturesTree implements vscode.TreeDataProvider<CaptureEntry>, vscode.Disposable {
  private entries: CaptureEntry[] = [];
  private folder = '';
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reading: Promise<void> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subs: vscode.Disposable[] = [];
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<CaptureEntry>;

  constructor(private readonly globalStorage: vscode.Uri) {
    this.view = vscode.window.createTreeView(CAPTURES_VIEW_ID, { treeDataProvider: this, canSelectMany: true, showCollapseAll: false });
    this.subs.push(
      this.view,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('gomem.capture.folder') && void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
    void this.refresh();
  }

  /** What the view lists now, newest first. */
  get list(): readonly CaptureEntry[] {
    return this.entries;
  }

  /** Reads the folder again (and starts watching it once it exists); one read at a time, in order. */
  refresh(): Promise<void> {
    this.reading = this.reading.then(async () => {
      this.watch(captureFolderPath(this.globalStorage));
      this.entries = await listCaptures(this.folder);
      this.changed.fire();
    });
    return this.reading;
  }

  getChildren(element?: CaptureEntry): CaptureEntry[] {
    return element ? [] : this.entries;
  }

  getTreeItem(e: CaptureEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(captureLabel(e.name, parseCaptureName(e.name)));
    item.id = e.path;
    item.resourceUri = vscode.Uri.file(e.path);
    item.description = `${when(e.time)} · ${formatValue(e.bytes, 'bytes')}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${e.name}\n${e.path}\n${new Date(e.time).toLocaleString()} · ${e.bytes} bytes`);
    item.iconPath = new vscode.ThemeIcon(e.trace ? 'pulse' : 'flame');
    item.contextValue = e.trace ? 'gomem.trace' : 'gomem.profile';
    item.command = { command: 'gomem.openCapture', title: 'Open', arguments: [e] };
    return item;
  }

  private watch(folder: string): void {
    const exists = existsSync(folder);
    if (folder === this.folder && (this.watcher !== undefined) === exists) return;
    this.folder = folder;
    this.watcher?.dispose();
    this.watcher = undefined;
    if (!exists) return; // refresh() after the first capture creates it starts the watcher
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '*'));
    const soon = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), 150);
    };
    this.watcher.onDidCreate(soon);
    this.watcher.onDidDelete(soon);
    this.watcher.onDidChange(soon);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
    this.subs.splice(0).forEach((d) => d.dispose());
  }
}

/** `15:04:05` today, `Jan 2 15:04` otherwise. */
function when(time: number): string {
  const d = new Date(time);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
