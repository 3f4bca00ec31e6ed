// Escaping plus trimming that never cuts an escape sequence in half.
import { esc, truncate } from '../views/format';

/** Escaped mrkdwn of at most `max` characters: the raw text is cut until its escaped form fits. */
export function escFit(raw: string, max: number): string {
  let text = raw.replace(/\s+/g, ' ').trim();
  let out = esc(text);
  while (out.length > max) {
    text = truncate(text, Math.max(1, text.length - (out.length - max) - 1));
    out = esc(text);
  }
  return out;
}

/** Plain text (header, button) trimmed to a limit; no escaping in plain_text. */
export function plainFit(raw: string, max: number): string {
  return truncate(raw.replace(/\s+/g, ' ').trim(), max);
}
