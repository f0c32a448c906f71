import { CompilerOutputError } from './errors';

/**
 * One file of the compiler's `-json=0,<dir>` log (cmd/compile/internal/logopt):
 * `<dir>/<url.PathEscape(importpath)>/<file>.json` holds a header line, then
 * one LSP Diagnostic per line. Positions are 1-based (the compiler does not
 * convert to LSP's 0-based lines), columns count bytes.
 */
export interface JsonLogHeader {
  version: number;
  package: string;
  goos?: string;
  goarch?: string;
  gc_version?: string;
  /** The source file the records are about (absolute; may be of another package when its code was inlined or instantiated). */
  file: string;
}

export interface JsonPosition {
  line: number;
  character: number;
}

export interface JsonRelated {
  location: { uri: string; range: { start: JsonPosition; end: JsonPosition } };
  /** "inlineLoc", or "escflow:" + an explanation line. */
  message: string;
}

export interface JsonDiagnostic {
  range: { start: JsonPosition; end: JsonPosition };
  severity?: number;
  code: string;
  source?: string;
  message: string;
  relatedInformation?: JsonRelated[];
  /** The relatedInformation array still as JSON text (see parseJsonLog); read it with relatedOf. */
  relatedText?: string;
}

export interface JsonLog {
  header: JsonLogHeader;
  diagnostics: JsonDiagnostic[];
}

/**
 * Parses one log file's text; `where` names it in errors. Explanations are
 * most of the bytes and few are ever shown, so each line's
 * relatedInformation is kept as text (relatedOf reads it): the compiler's
 * encoder writes it last, and `,"relatedInformation":` cannot occur inside
 * a JSON string (its quotes would be escaped).
 */
export function parseJsonLog(text: string, where: string): JsonLog {
  const lines = text.split('\n');
  const header = parseLine(lines[0] ?? '', where, 1) as Partial<JsonLogHeader>;
  if (header.version !== 0) throw new CompilerOutputError(`expected a version 0 header, got ${JSON.stringify(lines[0]?.slice(0, 120))}`, where, 1);
  if (typeof header.file !== 'string') throw new CompilerOutputError('the header names no source file', where, 1);
  const diagnostics: JsonDiagnostic[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    diagnostics.push(checkDiagnostic(parseRecord(lines[i], where, i + 1), where, i + 1));
  }
  return { header: header as JsonLogHeader, diagnostics };
}

/**
 * A record as the compiler's encoder writes it (logopt.Diagnostic: fields in
 * this order, omitempty severity/source/relatedInformation), read without
 * building a JSON parse tree; anything else goes through JSON.parse.
 */
const RECORD =
  /^\{"range":\{"start":\{"line":(\d+),"character":(\d+)\},"end":\{"line":(\d+),"character":(\d+)\}\},(?:"severity":(\d+),)?"code":"([^"\\]*)",(?:"source":"([^"\\]*)",)?"message":"((?:[^"\\]|\\.)*)"(?:,"relatedInformation":(\[.*\]))?\}$/;

function parseRecord(line: string, where: string, n: number): unknown {
  const m = RECORD.exec(line);
  if (!m) return parseLine(line, where, n);
  const d: JsonDiagnostic = {
    range: { start: { line: Number(m[1]), character: Number(m[2]) }, end: { line: Number(m[3]), character: Number(m[4]) } },
    severity: m[5] === undefined ? undefined : Number(m[5]),
    code: m[6],
    source: m[7],
    message: m[8].includes('\\') ? (parseLine(`"${m[8]}"`, where, n) as string) : m[8],
  };
  if (m[9] !== undefined) d.relatedText = m[9];
  return d;
}

/** A diagnostic's relatedInformation, read from its text on first use ([] when unreadable). */
export function relatedOf(d: JsonDiagnostic): JsonRelated[] {
  if (d.relatedInformation === undefined && d.relatedText !== undefined) {
    try {
      d.relatedInformation = JSON.parse(d.relatedText) as JsonRelated[];
    } catch {
      d.relatedInformation = [];
    }
    d.relatedText = undefined;
  }
  return d.relatedInformation ?? [];
}

function parseLine(line: string, where: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch (err) {
    throw new CompilerOutputError(`not JSON (${(err as Error).message})`, where, n);
  }
}

function checkDiagnostic(v: unknown, where: string, n: number): JsonDiagnostic {
  const d = v as Partial<JsonDiagnostic>;
  const start = d?.range?.start;
  if (typeof d?.code !== 'string' || typeof start?.line !== 'number' || typeof start.character !== 'number') {
    throw new CompilerOutputError('expected a diagnostic with a code and a range', where, n);
  }
  if (typeof d.message !== 'string') d.message = '';
  return d as JsonDiagnostic;
}
