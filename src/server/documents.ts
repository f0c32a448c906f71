import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { LineOrigins } from '../core/edits/lineOrigins';

/**
 * Open documents with the line bookkeeping that keeps profile annotations on
 * the right lines while the user edits. The baseline is the text at open.
 */
export interface TrackedDocument {
  doc: TextDocument;
  origins: LineOrigins;
}

export class DocumentTracker {
  private readonly docs = new Map<string, TrackedDocument>();

  open(p: DidOpenTextDocumentParams): void {
    const { uri, languageId, version, text } = p.textDocument;
    const doc = TextDocument.create(uri, languageId, version, text);
    this.docs.set(uri, { doc, origins: new LineOrigins(splitLines(text)) });
  }

  change(p: DidChangeTextDocumentParams): void {
    const tracked = this.docs.get(p.textDocument.uri);
    if (!tracked) return;
    for (const change of p.contentChanges) {
      const version = p.textDocument.version;
      if (!('range' in change)) {
        // Full-text sync: no ranges, so start over with this text as baseline.
        tracked.doc = TextDocument.create(tracked.doc.uri, tracked.doc.languageId, version, change.text);
        tracked.origins = new LineOrigins(splitLines(change.text));
        continue;
      }
      const { start, end } = change.range;
      tracked.doc = TextDocument.update(tracked.doc, [change], version);
      const added = change.text.split(/\r\n|\r|\n/).length - 1;
      tracked.origins.apply(start.line, end.line, linesOf(tracked.doc, start.line, start.line + added));
    }
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  get(uri: string): TrackedDocument | undefined {
    return this.docs.get(uri);
  }
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Texts of lines from..to (inclusive) of a document, without line breaks. */
export function linesOf(doc: TextDocument, from: number, to: number): string[] {
  const out: string[] = [];
  for (let l = from; l <= to; l++) out.push(lineText(doc, l));
  return out;
}

export function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}
