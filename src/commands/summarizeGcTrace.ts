import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { GcTraceLog, GcTraceSummary } from '../core/gctrace/model';
import { parseGcTraceLines } from '../core/gctrace/parseLog';
import { summarizeGcTrace } from '../core/gctrace/summary';
import { readGcTraceFile } from '../node/gctraceFile';
import type { GcTraceOrigin } from '../protocol/gctraceView';
import { GcTracePanel, type GcTraceSource } from '../webview/gctracePanel';

/**
 * "Go Memory: Summarize GC Trace": the GODEBUG=gctrace=1 lines of the active
 * editor's selection (whole lines) or document, or of a log file picked (or
 * passed as a URI), summarised in a panel beside the editor. Returns the
 * summary (undefined when nothing was summarised).
 */
export function summarizeGcTraceCommand(ctx: Ctx) {
  return async (arg?: vscode.Uri): Promise<GcTraceSummary | undefined> => {
    const active = vscode.window.activeTextEditor;
    // The editor-title button passes its document's URI: read the editor (selection, unsaved edits), not the file.
    const source =
      arg instanceof vscode.Uri && arg.toString() !== active?.document.uri.toString() ? await fromFile(arg) : (fromEditor(active) ?? (await pickFile()));
    if (!source) return undefined;
    if (source.log.cycles.length === 0) {
      const broken = source.log.malformed.length ? ` (${source.log.malformed.length} lines start like one but do not parse)` : '';
      const pick = await vscode.window.showWarningMessage(`gomem: no GC trace lines ("gc N @…", printed with GODEBUG=gctrace=1) in ${source.name}${broken}.`, 'Pick a Log File…');
      const uri = pick && (await pickUri());
      return uri ? summarizeGcTraceCommand(ctx)(uri) : undefined;
    }
    GcTracePanel.show(ctx, source);
    return summarizeGcTrace(source.log);
  };
}

function fromEditor(editor: vscode.TextEditor | undefined): GcTraceSource | undefined {
  if (!editor) return undefined;
  const sel = editor.selection;
  const lines: [number, number] | undefined = sel.isEmpty ? undefined : [sel.start.line, sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line];
  return fromDocument(editor.document, lines);
}

/** Lines first..last of a document (all of it without `lines`): what a panel restored after a reload reads again. */
function fromDocument(doc: vscode.TextDocument, lines?: [number, number]): GcTraceSource {
  const [first, last] = lines ? [lines[0], Math.min(lines[1], doc.lineCount - 1)] : [0, doc.lineCount - 1];
  const base = doc.uri.path.replace(/^.*\//, '') || doc.uri.toString();
  const origin = { uri: doc.uri.toString(), ...(lines ? { lines: [first, last] as [number, number] } : {}) };
  return { name: lines ? `lines ${first + 1}–${last + 1} of ${base}` : base, log: parseGcTraceLines(linesOf(doc, first, last), first), uri: doc.uri, origin };
}

/** Reads a summarised log again from where it was (GcTracePanel's serializer). */
export async function readGcTraceOrigin(origin: GcTraceOrigin): Promise<GcTraceSource | undefined> {
  const uri = vscode.Uri.parse(origin.uri, true);
  if (!origin.lines && uri.scheme === 'file') return fromFile(uri);
  return fromDocument(await vscode.workspace.openTextDocument(uri), origin.lines);
}

async function fromFile(uri: vscode.Uri): Promise<GcTraceSource | undefined> {
  try {
    // Files on disk are read as the CLI reads them (size limit, binary check); others through VS Code.
    const log = uri.scheme === 'file' ? (await readGcTraceFile(uri.fsPath)).log : logOf(await vscode.workspace.openTextDocument(uri));
    return { name: uri.path.replace(/^.*\//, ''), log, uri, origin: { uri: uri.toString() } };
  } catch (err) {
    void vscode.window.showErrorMessage(`gomem: ${(err as Error).message}`);
    return undefined;
  }
}

function logOf(doc: vscode.TextDocument): GcTraceLog {
  return parseGcTraceLines(linesOf(doc, 0, doc.lineCount - 1));
}

function linesOf(doc: vscode.TextDocument, first: number, last: number): string[] {
  const lines: string[] = [];
  for (let i = first; i <= last; i++) lines.push(doc.lineAt(i).text);
  return lines;
}

async function pickUri(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Summarize GC Trace', filters: { 'Logs': ['gctrace', 'log', 'txt', 'err'], 'All files': ['*'] } });
  return picked?.[0];
}

async function pickFile(): Promise<GcTraceSource | undefined> {
  const uri = await pickUri();
  return uri ? fromFile(uri) : undefined;
}
