import type { EscapeFinding, FlowStep, SourcePos } from './finding';
import { findingLabel, type MeasureInfo } from './siteCost';

/**
 * Hover text for the findings on one line: each message (with the bytes
 * measured there), then the compiler's explanation, every step a link to
 * its line. `uriOf` turns a path into a file URI (the caller's platform).
 */
export function escapeHoverMarkdown(findings: readonly EscapeFinding[], uriOf: (file: string) => string, info?: MeasureInfo): string {
  return findings.map((f) => findingMarkdown(f, uriOf, info)).join('\n\n---\n\n');
}

function findingMarkdown(f: EscapeFinding, uriOf: (file: string) => string, info?: MeasureInfo): string {
  const out = [`**${escapeMd(findingLabel(f, info))}** *(go escape: ${f.kind})*`];
  if (f.inlinedFrom.length > 0) out.push('', `Inlined from ${f.inlinedFrom.map((p) => link(p, uriOf)).join(' ← ')}`);
  if (f.flow.length > 0) {
    out.push('', 'Why:', '');
    for (const s of f.flow) out.push(stepMarkdown(s, uriOf));
  }
  return out.join('\n');
}

/** `flow:` lines are the steps; `from` notes hang under them. */
function stepMarkdown(s: FlowStep, uriOf: (file: string) => string): string {
  const indent = s.message.startsWith('from ') ? '    - ' : '- ';
  return `${indent}\`${s.message.replace(/`/g, "'")}\`${s.at ? ` ${link(s.at, uriOf)}` : ''}`;
}

function link(p: SourcePos, uriOf: (file: string) => string): string {
  const name = p.file.replace(/^.*[\\/]/, '');
  return `[${escapeMd(name)}:${p.line}](${uriOf(p.file)}#L${p.line})`;
}

/** Markdown-inert text: names like `*T`, `[]byte` or `~r0` must not format (inline: no line-start markers). */
function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()!|<>~]/g, (c) => `\\${c}`);
}
