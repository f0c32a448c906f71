import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { closeProfile } from './closeProfile';
import { compareProfiles } from './compareProfiles';
import { openProfile } from './openProfile';
import { restartServer } from './restartServer';
import { showFlameGraph } from './showFlameGraph';
import { showFunction } from './showFunction';
import { switchProfile } from './switchProfile';
import { switchSampleType } from './switchSampleType';

/** Every command, by id (the same ids as package.json contributes.commands). */
const COMMANDS: Record<string, (ctx: Ctx) => (...args: never[]) => unknown> = {
  'gomem.openProfile': openProfile,
  'gomem.closeProfile': closeProfile,
  'gomem.switchSampleType': switchSampleType,
  'gomem.switchProfile': switchProfile,
  'gomem.showFlameGraph': showFlameGraph,
  'gomem.compareProfiles': compareProfiles,
  'gomem.showFunction': showFunction,
  'gomem.restartServer': restartServer,
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    ctx.own(vscode.commands.registerCommand(id, factory(ctx)));
  }
}
