// Small text helpers shared by every view: escaping user text for mrkdwn and keeping strings inside Slack's limits.

/**
 * Escapes text that came from a user or from Azure before it reaches mrkdwn: `&<>` per Slack's rules (so nothing turns
 * into a mention or link) and the formatting characters `*_~\`` by a zero-width joiner so names render literally.
 */
export function esc(text: string): string {
  return escapeEntities(text).replace(/([*_~`])/g, '\u200B$1\u200B');
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
