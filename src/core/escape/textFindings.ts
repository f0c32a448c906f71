import { flowSteps, type CompilerText, type TextFlowBlock, type TextMessage } from './compilerText';
import type { EscapeFinding, FlowStep, SourcePos } from './finding';
import type { EscapeKind } from './kinds';

/** A message of the -m text in gomem's terms: a finding kind, or "does not escape". */
export type TextClass = { kind: EscapeKind; subject: string } | { kind: 'no-escape'; subject: string } | undefined;

/** What one -m message says (see kinds.ts for the table); undefined for messages gomem does not show. */
export function classifyText(text: string): TextClass {
  // Cheap prefix and suffix tests first: -m=2 prints tens of thousands of these.
  let m: RegExpExecArray | null;
  if (text.startsWith('inlining call to ')) {
    if ((m = /^inlining call to (.+?)(?: with score -?\d+)?$/.exec(text))) return { kind: 'inlined-call', subject: m[1] };
  } else if (text.startsWith('moved to heap: ')) {
    return { kind: 'moved-to-heap', subject: text.slice('moved to heap: '.length) };
  } else if (text.startsWith('leaking param')) {
    if ((m = /^leaking param(?: content)?: (\S+)/.exec(text))) return { kind: 'leaking-param', subject: m[1] };
  } else if (text.startsWith('can inline ')) {
    // Function names of generic instantiations hold spaces: "F[go.shape.struct { a int }]".
    if ((m = /^can inline (.+?)(?: with cost -?\d+ as: .*)?$/.exec(text))) return { kind: 'can-inline', subject: m[1] };
  } else if (text.startsWith('cannot inline ')) {
    if ((m = /^cannot inline (.+) into .+: repeated recursive cycle$/.exec(text))) return { kind: 'cannot-inline-call', subject: m[1] };
    if ((m = /^cannot inline (.+?): /.exec(text))) return { kind: 'cannot-inline', subject: m[1] };
  }
  if (text.endsWith(' escapes to heap')) return { kind: 'escapes-to-heap', subject: text.slice(0, -' escapes to heap'.length) };
  if (text.endsWith(' does not escape')) return { kind: 'no-escape', subject: text.slice(0, -' does not escape'.length) };
  return undefined;
}

export interface TextFindings {
  findings: EscapeFinding[];
  /** Places where the compiler said "… does not escape". */
  noEscape: (SourcePos & { subject: string })[];
}

/**
 * Findings from the -m text for the files `keep` accepts (default: all),
 * each with the -m=2 explanation printed for the same position and subject
 * when `wantFlow` says so (default: always). Duplicates (a package compiled
 * twice, as itself and as its test variant) are kept once.
 */
export function textFindings(parsed: CompilerText, wantFlow: (file: string) => boolean = () => true, keep: (file: string) => boolean = () => true): TextFindings {
  let flows: Map<string, TextFlowBlock[]> | undefined; // built on first need
  const seen = new Map<string, Set<string>>(); // per file: line:column:text
  const out: TextFindings = { findings: [], noEscape: [] };
  for (const msg of parsed.messages) {
    if (!keep(msg.file)) continue;
    const c = classifyText(msg.text);
    if (!c) continue;
    let inFile = seen.get(msg.file);
    if (!inFile) seen.set(msg.file, (inFile = new Set()));
    const key = `${msg.line}:${msg.column}:${msg.text}`;
    if (inFile.has(key)) continue;
    inFile.add(key);
    if (c.kind === 'no-escape') out.noEscape.push({ file: msg.file, line: msg.line, column: msg.column, subject: c.subject });
    else {
      const flow = wantFlow(msg.file) ? flowFor(msg, c.kind, c.subject, (flows ??= flowsByPos(parsed.flows)), parsed.cwd) : [];
      out.findings.push({ file: msg.file, line: msg.line, column: msg.column, kind: c.kind, message: msg.text, flow, inlinedFrom: [] });
    }
  }
  return out;
}

function flowsByPos(blocks: TextFlowBlock[]): Map<string, TextFlowBlock[]> {
  const out = new Map<string, TextFlowBlock[]>();
  for (const b of blocks) {
    const key = `${b.file}\0${b.line}\0${b.column}`;
    const list = out.get(key);
    if (list) {
      // The same explanation is printed again when the package is compiled twice.
      if (!list.some((x) => x.header === b.header && x.end - x.start === b.end - b.start)) list.push(b);
    } else out.set(key, [b]);
  }
  return out;
}

/** The steps of the blocks at the message's position whose subject is the message's. */
function flowFor(msg: TextMessage, kind: EscapeKind, subject: string, flows: Map<string, TextFlowBlock[]>, cwd: string): FlowStep[] {
  const blocks = flows.get(`${msg.file}\0${msg.line}\0${msg.column}`);
  if (!blocks) return [];
  return blocks.filter((b) => blockSubject(b.header, kind) === subject).flatMap((b) => flowSteps(b, cwd));
}

/** What a flow header is about, in the terms of the message it explains. */
function blockSubject(header: string, kind: EscapeKind): string | undefined {
  if (kind === 'leaking-param') return /^parameter (\S+) leaks to /.exec(header)?.[1];
  const x = / escapes to heap in /.exec(header) ? header.slice(0, header.lastIndexOf(' escapes to heap in ')) : undefined;
  // The summary says "append escapes to heap" where the explanation names the call.
  return x !== undefined && kind === 'escapes-to-heap' && x.startsWith('append(') ? 'append' : x;
}

/** Other notes -m prints (devirtualize, bloop, escape, walk), which are not errors. */
const OTHER_NOTES =
  / capturing by (ref|value): |^(partially )?devirtualizing |^cannot devirtualize |will be kept alive$|^expr is unknown to bloop|ignoring self-assignment|^imprecise interface call|^index bounds check elided|^zero-copy |^assuming .* is unsafe uintptr|^marking .* as escaping/;

/**
 * What a failed build said besides -m output: compile errors and the go
 * command's own complaints (at most `limit` lines).
 */
export function buildErrors(parsed: CompilerText, limit = 20): string[] {
  const errors = parsed.messages.filter((m) => !classifyText(m.text) && !OTHER_NOTES.test(m.text));
  return [...parsed.plain, ...errors.map((m) => `${m.file}:${m.line}${m.column ? `:${m.column}` : ''}: ${m.text}`)].slice(0, limit);
}
