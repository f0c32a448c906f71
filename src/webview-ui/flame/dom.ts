/**
 * DOM helpers for the flame panel. Every string from a profile goes in as
 * text (textContent, title, aria-label), never as markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { cls?: string; text?: string; title?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.cls) e.className = props.cls;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.title !== undefined) e.title = props.title;
  if (children.length) e.append(...children);
  return e;
}

export function button(text: string, title: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = h('button', { cls, text, title });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}
