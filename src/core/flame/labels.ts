import { shortName } from './palette';

/** Shortest label worth drawing: fewer characters than this say nothing. */
export const MIN_LABEL_CHARS = 3;

/**
 * A frame's label for a box that fits `maxChars` characters: the whole
 * name when it fits, else the name without its package path (the part
 * that tells functions apart), else that cut short with an ellipsis; ''
 * when not even a few characters fit.
 */
export function fitLabel(name: string, maxChars: number): string {
  if (name.length <= maxChars) return name;
  if (maxChars < MIN_LABEL_CHARS) return '';
  const short = shortName(name);
  if (short.length <= maxChars) return short;
  return short.slice(0, maxChars - 1) + '…';
}
