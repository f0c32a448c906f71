import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { capture } from './capture';
import { compareCapture } from './captureCompare';
import { deleteCapture } from './captureDelete';
import { openCaptureCommand } from './captureOpen';
import { refreshCaptures } from './captureRefresh';
import { renameCapture } from './captureRename';
import { revealCapture } from './captureReveal';
import { profileTest } from './captureTest';
import { analyzeModuleEscapes } from './analyzeModuleEscapes';
import { closeProfile } from './closeProfile';
import { compareProfiles } from './compareProfiles';
import { compareGoroutineFiles } from './compareGoroutineFiles';
import { compareGoroutines } from './compareGoroutines';
import { openProfile } from './openProfile';
import { openTraceSummary } from './openTraceSummary';
import { restartServer } from './restartServer';
import { showCompilerOutput } from './showCompilerOutput';
import { showCostliestEscapes } from './showCostliestEscapes';
import { showFlameGraph } from './showFlameGraph';
import { showFunction } from './showFunction';
import { switchProfile } from './switchProfile';
import { switchSampleType } from './switchSampleType';
import { toggleEscapes } from './toggleEscapes';
import { highlightGcTrace } from './highlightGcTrace';
import { showDebugGcTrace } from './showDebugGcTrace';
import { summarizeGcTraceCommand } from './summarizeGcTrace';
import { showMemoryMonitor } from './monitorShow';
import { startMemoryMonitor } from './monitorStart';
import { stopMemoryMonitor } from './monitorStop';

/** Every command, by id (the same ids as package.json contributes.commands). */
const COMMANDS: Record<string, (ctx: Ctx) => (...args: never[]) => unknown> = {
  'gomem.openProfile': openProfile,
  'gomem.closeProfile': closeProfile,
  'gomem.switchSampleType': switchSampleType,
  'gomem.switchProfile': switchProfile,
  'gomem.showFlameGraph': showFlameGraph,
  'gomem.openTraceSummary': openTraceSummary,
  'gomem.compareProfiles': compareProfiles,
  'gomem.showFunction': showFunction,
  'gomem.restartServer': restartServer,
  'gomem.captureHeap': capture('heap'),
  'gomem.captureAllocs': capture('allocs'),
  'gomem.captureGoroutine': capture('goroutine'),
  'gomem.captureCpu': capture('cpu'),
  'gomem.captureBlock': capture('block'),
  'gomem.captureMutex': capture('mutex'),
  'gomem.captureTrace': capture('trace'),
  'gomem.captureHeapDelta': capture('heap', true),
  'gomem.captureGoroutineLeak': capture('goroutineleak'),
  'gomem.compareGoroutines': compareGoroutines,
  'gomem.compareGoroutineFiles': compareGoroutineFiles,
  'gomem.profileTest': profileTest,
  'gomem.openCapture': openCaptureCommand,
  'gomem.revealCapture': revealCapture,
  'gomem.deleteCapture': deleteCapture,
  'gomem.renameCapture': renameCapture,
  'gomem.compareCapture': compareCapture,
  'gomem.refreshCaptures': refreshCaptures,
  'gomem.toggleEscapes': toggleEscapes,
  'gomem.analyzeModuleEscapes': analyzeModuleEscapes,
  'gomem.showCostliestEscapes': showCostliestEscapes,
  'gomem.showCompilerOutput': showCompilerOutput,
  'gomem.summarizeGcTrace': summarizeGcTraceCommand,
  'gomem.highlightGcTrace': highlightGcTrace,
  'gomem.showDebugGcTrace': showDebugGcTrace,
  'gomem.startMemoryMonitor': startMemoryMonitor,
  'gomem.stopMemoryMonitor': stopMemoryMonitor,
  'gomem.showMemoryMonitor': showMemoryMonitor,
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    ctx.own(vscode.commands.registerCommand(id, factory(ctx)));
  }
}
