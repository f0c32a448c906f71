/**
 * A few words on what a response body is, for messages like "expected a heap
 * profile but got an HTML page titled "Sign in"": people need to see what
 * actually answered (a login page, a proxy's error, pprof's text format).
 */
export function describeBody(head: Uint8Array, contentType = ''): string {
  if (head.length === 0) return 'an empty body';
  const text = looksLikeText(head) ? new TextDecoder().decode(head) : undefined;
  if (text !== undefined && isHtml(text, contentType)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return title ? `an HTML page titled "${clip(title, 80)}"` : 'an HTML page';
  }
  if (text !== undefined) return `text: "${clip(text.trim().replace(/\s+/g, ' '), 160)}"`;
  const hex = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `binary data starting ${hex}`;
}

/** The first line of a text body (pprof error bodies are one line), or its description. */
export function bodyMessage(head: Uint8Array, contentType = ''): string {
  if (looksLikeText(head) && !isHtml(new TextDecoder().decode(head), contentType)) {
    const line = new TextDecoder().decode(head).trim().split(/\r?\n/)[0] ?? '';
    if (line) return `"${clip(line, 160)}"`;
  }
  return describeBody(head, contentType);
}

/** Printable UTF-8 (a cut multi-byte character at the end is tolerated). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function isHtml(text: string, contentType: string): boolean {
  return /\btext\/html\b/i.test(contentType) || /^\s*(<!doctype html|<html|<head|<body)/i.test(text);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
