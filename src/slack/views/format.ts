// Small text helpers shared by every view: escaping user text for mrkdwn and keeping strings inside Slack's limits.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name from Azure or a user as one visible line: line breaks and other controls become a space (so a name cannot
 * start a line that looks like the bot's own), and bidi overrides are dropped (so it cannot render reversed).
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(BIDI, '');
}

/**
 * Escapes text that came from a user or from Azure before it reaches mrkdwn: `&<>` per Slack's rules (so nothing turns
 * into a mention or link), the formatting characters `*_~\`` by a zero-width joiner so names render literally, and
 * control characters (see oneLine).
 */
export function esc(text: string): string {
  return escapeEntities(oneLine(text)).replace(/([*_~`])/g, '\u200B$1\u200B');
}

/** Only `&<>`: enough inside code blocks, where formatting characters are already literal. */
export function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Joins lines into chunks of at most `max` characters each (a line longer than `max` is truncated). */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "<!date^…>" renders in the reader's time zone; the fallback is the UTC ISO string. */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return esc(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`;
}
