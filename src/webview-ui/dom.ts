/**
 * DOM helpers shared by the webview bundles. Text goes in as textContent,
 * never as HTML: every string from a profile or trace stays text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls = '', text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * A link to `file:line` (full path in its tooltip and data attributes, for
 * tests and the host's check); a click calls `open` — the page asks the
 * host, which decides whether to open it.
 */
export function sourceLink(cls: string, text: string, file: string, line: number, open: () => void): HTMLAnchorElement {
  const a = el('a', cls, text);
  a.setAttribute('href', '#');
  a.title = `${file}:${line}`;
  a.dataset.file = file;
  a.dataset.line = String(line);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    open();
  });
  return a;
}
