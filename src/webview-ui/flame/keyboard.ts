export type Move = 'up' | 'down' | 'left' | 'right';

export interface KeyActions {
  move(m: Move): void;
  zoomSelected(): void;
  escape(): void;
  focusSearch(): void;
  clearSearch(): void;
  focus(): void;
  sandwich(): void;
  hideFunction(): void;
  hidePackage(): void;
  open(): void;
  undo(): void;
}

const MOVES: Record<string, Move> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const LETTERS: Record<string, keyof KeyActions> = { f: 'focus', s: 'sandwich', h: 'hideFunction', p: 'hidePackage', o: 'open', u: 'undo' };

/**
 * The panel's keys: arrows move the selection (up/down = parent/child,
 * left/right = siblings), Enter zooms, Esc zooms out or clears, "/" goes to
 * the search box; F, S, H, P, O, U act on the selected frame. Keys typed
 * into the search box or a control stay theirs (except Esc and Enter in
 * the search box). Returns whether the key was used.
 */
export function handleKey(e: KeyboardEvent, a: KeyActions, search: HTMLInputElement): boolean {
  const target = e.target as HTMLElement | null;
  if (target === search) {
    if (e.key !== 'Escape' && e.key !== 'Enter') return false;
    if (e.key === 'Escape' && search.value) return a.clearSearch(), true;
    search.blur();
    if (e.key === 'Escape') a.escape();
    return true;
  }
  if (target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName) && e.key !== 'Escape') return false;
  if (e.altKey) return false;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') return a.undo(), true;
  if (e.ctrlKey || e.metaKey) return false;
  const move = MOVES[e.key];
  if (move) return a.move(move), true;
  if (e.key === 'Enter') return a.zoomSelected(), true;
  if (e.key === 'Escape') return a.escape(), true;
  if (e.key === '/') return a.focusSearch(), true;
  const act = LETTERS[e.key.toLowerCase()];
  if (act) return (a[act] as () => void)(), true;
  return false;
}
