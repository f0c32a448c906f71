import type { JsonLog } from './compilerJson';
import type { CompilerText } from './compilerText';
import { textFindings } from './textFindings';
import { compareFindings, findingKey, type EscapeFinding, type SourcePos } from './finding';
import { explainedBy, jsonFindings } from './jsonFindings';
import type { EscapeKind } from './kinds';

/**
 * Which output each kind is taken from when a file has both (see kinds.ts):
 * the JSON log is the structured source, the -m text fills what it lacks.
 * Leaks come from the text: the JSON log records leaks of scalar parameters
 * and of generic instantiations that -m (rightly) never reports, and it
 * cannot tell them apart without types. Inlined calls exist only in the text.
 */
const FROM_TEXT: readonly EscapeKind[] = ['leaking-param', 'inlined-call'];

export interface MergeInput {
  text: CompilerText;
  logs: JsonLog[];
  /** Findings are kept only for these files (the module's own, that exist). */
  keepFile(file: string): boolean;
  /** The source line, to recognise the compiler's go/defer wrappers (see jsonFindings). */
  lineText?(file: string, line: number): string | undefined;
}

export interface MergedFindings {
  findings: EscapeFinding[];
  noEscape: (SourcePos & { subject: string })[];
  /** Files whose findings came from a JSON log, and files that had only the text (build cache replay, colliding main packages). */
  jsonFiles: string[];
  textOnlyFiles: string[];
}

export function mergeFindings(input: MergeInput): MergedFindings {
  const fromJson = new Map<string, EscapeFinding[]>();
  const repeated = new Set<string>(); // files more than one log speaks about (generic code instantiated in several packages)
  for (const log of input.logs) {
    const file = log.header.file;
    if (!input.keepFile(file)) continue;
    const list = fromJson.get(file);
    if (list) repeated.add(file);
    fromJson.set(file, list ? [...list, ...jsonFindings(log, input.lineText)] : jsonFindings(log, input.lineText));
  }
  // Text explanations are read only for files without a log; leaks there take the log's.
  const text = textFindings(input.text, (file) => !fromJson.has(file), input.keepFile);
  const fromText = groupBy(text.findings, (f) => f.file);
  const findings: EscapeFinding[] = [];
  const textOnlyFiles: string[] = [];
  // Sorted file by file: no comparisons of long paths for every pair of findings.
  for (const file of [...new Set([...fromJson.keys(), ...fromText.keys()])].sort()) {
    const json = fromJson.get(file);
    const said = fromText.get(file) ?? [];
    if (!json) textOnlyFiles.push(file);
    const here = json ? combine(json, said) : said;
    findings.push(...(repeated.has(file) ? unique(here) : here).sort(compareFindings));
  }
  return {
    findings,
    noEscape: text.noEscape,
    jsonFiles: [...fromJson.keys()].sort(),
    textOnlyFiles: textOnlyFiles.sort(),
  };
}

/** One file's findings from both outputs: each kind from its source, text leaks explained by the JSON's flows. */
function combine(json: EscapeFinding[], text: EscapeFinding[]): EscapeFinding[] {
  const jsonLeaks = groupBy(json.filter((x) => x.kind === 'leaking-param'), (f) => `${f.line}:${f.column}`);
  const out = json.filter((f) => !FROM_TEXT.includes(f.kind));
  for (const f of text.filter((x) => FROM_TEXT.includes(x.kind))) {
    const candidates = jsonLeaks.get(`${f.line}:${f.column}`) ?? [];
    const explained = candidates.find((j) => j.message === f.message) ?? candidates[0];
    out.push(explained ? explainedBy(f, explained) : f);
  }
  return out;
}

function groupBy(findings: EscapeFinding[], key: (f: EscapeFinding) => string): Map<string, EscapeFinding[]> {
  const out = new Map<string, EscapeFinding[]>();
  for (const f of findings) {
    const k = key(f);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

/** One finding per place, kind and message (generic code instantiated in several packages repeats them). */
function unique(findings: EscapeFinding[]): EscapeFinding[] {
  const seen = new Map<string, EscapeFinding>();
  for (const f of findings) if (!seen.has(findingKey(f))) seen.set(findingKey(f), f);
  return [...seen.values()];
}
