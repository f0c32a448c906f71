import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ProfilesState } from '../protocol/types';

/** "$(flame) heap.pb.gz · inuse_space": the active profile; click to switch sample type. */
export function createStatusBar(ctx: Ctx): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('gomem.profile', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Go Memory profile';
  item.command = 'gomem.switchSampleType';
  const update = (s: ProfilesState) => {
    const p = s.profiles.find((x) => x.id === s.activeId);
    if (!p) return item.hide();
    const type = p.sampleTypes[p.sampleTypeIndex];
    item.text = `$(flame) ${p.name} · ${type.type}`;
    const others = s.profiles.length > 1 ? `\n${s.profiles.length} profiles loaded` : '';
    item.tooltip = `${p.path}\n${p.samples} samples · ${p.resolvedFiles}/${p.files} source files found${others}\nClick to switch the sample type`;
    item.show();
  };
  update(ctx.profiles);
  return vscode.Disposable.from(item, ctx.onDidChangeProfiles(update));
}
