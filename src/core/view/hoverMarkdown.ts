import { formatShare, formatValue } from '../format/units';

/**
 * The hover of an annotated line, as Markdown: the line's values for every
 * sample type of the profile, the average object size where bytes and
 * objects pair up, and the heaviest call paths into the line, each frame a
 * link to its source. Strings from the profile are escaped, never markup.
 */
export interface HoverValues {
  type: string;
  unit: string;
  flat: number;
  cum: number;
  total: number;
}

export interface HoverFrame {
  function: string;
  file: string;
  line: number;
  /** file:// URI of the local source, when it was found. */
  uri?: string;
}

export interface HoverStack {
  value: number;
  frames: HoverFrame[];
}

export interface HoverInput {
  profileName: string;
  activeType: string;
  values: HoverValues[];
  stacks: HoverStack[];
  stale: boolean;
}

export function hoverMarkdown(h: HoverInput): string {
  const out = [`**gomem** · ${esc(h.profileName)}`, ''];
  if (h.stale) out.push('*This line changed since the profile was matched; the values may no longer apply.*', '');
  out.push('| sample type | flat | cum |', '|---|---:|---:|');
  for (const v of h.values) {
    const name = v.type === h.activeType ? `**${esc(v.type)}**` : esc(v.type);
    out.push(`| ${name} | ${cell(v.flat, v)} | ${cell(v.cum, v)} |`);
  }
  const avg = averageSizes(h.values);
  if (avg.length) out.push('', `Average object size: ${avg.join(' · ')}`);
  const active = h.values.find((v) => v.type === h.activeType);
  if (h.stacks.length && active) {
    out.push('', `Top call paths into this line (${esc(h.activeType)}):`, '');
    h.stacks.forEach((s, i) => {
      const head = `${i + 1}. ${formatValue(s.value, active.unit)} (${formatShare(s.value, active.total) || '0%'})`;
      out.push(`${head}: ${s.frames.map(frameLink).join(' ← ')}`);
    });
  }
  return out.join('\n');
}

function cell(v: number, t: HoverValues): string {
  const share = v === 0 ? '' : formatShare(v, t.total);
  return `${formatValue(v, t.unit)}${share ? ` (${share})` : ''}`;
}

/** alloc_space / alloc_objects and inuse_space / inuse_objects, by the line's flat values. */
function averageSizes(values: HoverValues[]): string[] {
  const out: string[] = [];
  for (const prefix of ['alloc', 'inuse']) {
    const bytes = values.find((v) => v.type === `${prefix}_space`);
    const objs = values.find((v) => v.type === `${prefix}_objects`);
    if (bytes && objs && objs.flat !== 0) out.push(`${formatValue(bytes.flat / objs.flat, 'bytes')} (${prefix})`);
  }
  return out;
}

function frameLink(f: HoverFrame): string {
  const short = f.file.split('/').slice(-1)[0];
  const label = `${esc(f.function)} ${esc(short)}:${f.line}`;
  return f.uri ? `[${label}](${f.uri}#L${f.line})` : label;
}

/** Escapes Markdown and HTML so names like `<T>` or `[x]` stay text. */
export function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>&]/g, (c) => `\\${c}`);
}
