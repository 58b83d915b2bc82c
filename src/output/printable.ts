// The one sanitiser for text that reaches a terminal: names and messages come from the network,
// where an escape sequence can retitle the window, clear the screen or hide what follows, and a
// 100 KB name would bury the line that matters. Node built-ins only.

/** C0 and C1 controls (ESC, BEL, CR, backspace...), DEL, and the bidi overrides that reorder text. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Longest line printed whole; the rest is cut, saying how much. */
export const MAX_LINE = 400;

/** `text` on one line, without control characters, at most `max` characters (plus the cut mark). */
export function printable(text: string, max = MAX_LINE): string {
  const clean = text.replace(UNPRINTABLE, (c) => (c === '\n' || c === '\t' ? ' ' : '?'));
  const chars = [...clean];
  return chars.length <= max ? clean : `${chars.slice(0, max).join('')}… (${chars.length - max} more characters)`;
}
