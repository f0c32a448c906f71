import { ResponseError, type Connection } from 'vscode-languageserver/node';
import type { TraceSummary } from '../core/trace/summary/model';
import { summarizeTraceFile } from '../node/traceFile';
import { TraceSummaryRequest } from '../protocol/lsp';
import type { ProfileStore } from './profileStore';

/** Trace summaries are computed here, off the editor, streaming the file. */
export function registerTraceRequests(conn: Connection, store: ProfileStore): void {
  conn.onRequest(TraceSummaryRequest, async ({ path, topN }) => {
    let summary: TraceSummary;
    try {
      summary = await summarizeTraceFile(store.absolute(path), topN ?? 20);
    } catch (err) {
      throw new ResponseError(3, (err as Error).message);
    }
    const resolve = await store.sourceResolver();
    const localFiles: Record<string, string | null> = {};
    for (const file of framesFiles(summary)) localFiles[file] = resolve(file) ?? null;
    return { summary, localFiles };
  });
}

/** Every file named by a frame of the summary. */
function framesFiles(s: TraceSummary): Set<string> {
  const files = new Set<string>();
  const add = (stack: { file: string }[]) => stack.forEach((f) => f.file && files.add(f.file));
  s.goroutines.createdBySite.forEach((g) => add(g.stack));
  s.goroutines.aliveAtEndBySite.forEach((g) => add(g.stack));
  s.blocked.forEach((b) => b.topStacks.forEach((t) => add(t.stack)));
  return files;
}
