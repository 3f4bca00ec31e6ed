// `/sentinel …` text → a typed command, or an error that says what was wrong and what would work. Pure: no I/O.
import { QUERY_CATALOGUE } from '../../domain/queries';
import { editDistance } from '../../domain/subscriptions';
import { parseSeverity, SEVERITIES } from '../../domain/severity';
import type { Severity } from '../../domain/types';
import { STATUS_FILTERS, type StatusFilter } from '../ids';

/** Subscription names as typed; resolved against the cached subscription list by resolve.ts. */
export type Targets = { all: true } | { all: false; names: string[] };

export type Command =
  | { kind: 'help'; topic?: string }
  | { kind: 'status'; filter: StatusFilter }
  | { kind: 'prereqs'; targets: Targets }
  | { kind: 'connect'; targets: Targets; dryRun: boolean }
  | { kind: 'disconnect'; targets: { all: false; names: string[] } }
  | { kind: 'sync'; targets: Targets; enabled: boolean }
  | { kind: 'incidents'; enabled?: boolean; severities: Severity[] }
  | { kind: 'alerts'; severities?: Severity[]; sinceMs?: number }
  | { kind: 'query'; name: string }
  | { kind: 'notify'; channel: { id: string; name?: string }; minSeverity?: Severity; subscriptions?: string[] }
  | { kind: 'notify-list' }
  | { kind: 'notify-remove'; id: string }
  | { kind: 'audit'; sinceMs: number }
  | { kind: 'jobs' };

export type CommandKind = Command['kind'];

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; usage?: string };

export const USAGE: Record<string, string> = {
  help: '/sentinel help [command]',
  status: `/sentinel status [${STATUS_FILTERS.join(' | ')}]`,
  prereqs: '/sentinel prereqs [subscription… | all]',
  connect: '/sentinel connect <subscription…> | all [--dry-run]',
  disconnect: '/sentinel disconnect <subscription…>',
  sync: '/sentinel sync <subscription…> | all on|off',
  incidents: '/sentinel incidents [on|off] [--min-severity High|Medium|Low|Informational]',
  alerts: '/sentinel alerts [--severity High,Medium] [--since 24h]',
  query: '/sentinel query <name>',
  notify: '/sentinel notify #channel [--min-severity High] [--subscriptions name1,name2] | notify list | notify remove <id>',
  audit: '/sentinel audit [--since 24h]',
  jobs: '/sentinel jobs',
};

const SUBCOMMANDS = Object.keys(USAGE);
/** Flags each subcommand accepts; `true` means the flag takes a value. */
const FLAGS: Record<string, Record<string, boolean>> = {
  connect: { 'dry-run': false },
  incidents: { 'min-severity': true },
  alerts: { severity: true, since: true },
  notify: { 'min-severity': true, subscriptions: true },
  audit: { since: true },
};
const DAY = 86_400_000;
const MAX_SINCE_MS = 90 * DAY;

/** Splits on whitespace, honouring "double", 'single' and “smart” quotes so names with spaces survive. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|“([^”]*)”|‘([^’]*)’|(\S+)/g;
  for (const m of text.matchAll(re)) tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]);
  return tokens.filter((t) => t.length > 0);
}

/** The closest words to `word` within a small edit distance, best first. */
export function suggest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 2));
  return candidates
    .map((c) => ({ c, d: Math.min(editDistance(w, c), c.startsWith(w) ? 0 : Infinity, ...c.split('-').map((part) => editDistance(w, part) + 1)) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** Quotes user text as inline code, safe for mrkdwn: no backticks, no `<…>` mentions, bounded length. */
export function q(text: string): string {
  const clean = text.slice(0, 60).replace(/`/g, "'").replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `\`${clean}${text.length > 60 ? '…' : ''}\``;
}

const didYouMean = (options: string[]): string => (options.length ? ` Did you mean ${options.map((o) => `\`${o}\``).join(' or ')}?` : '');

/** "24h", "90m", "7d", "2w" → milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,5})\s*(m|min|h|d|w)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  const factor = unit === 'w' ? 7 * DAY : unit === 'd' ? DAY : unit === 'h' ? 3_600_000 : 60_000;
  return Number(m[1]) * factor;
}

interface Split {
  positional: string[];
  flags: Map<string, string | true>;
}

class ParseError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

function splitFlags(sub: string, tokens: string[]): Split {
  const allowed = FLAGS[sub] ?? {};
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^[—–]/, '--'); // Slack turns "--" into an em dash on some clients
    if (!token.startsWith('--')) {
      positional.push(token);
      continue;
    }
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2);
    if (!(name in allowed)) {
      const known = Object.keys(allowed);
      throw new ParseError(
        `\`${sub}\` has no option ${q(`--${name}`)}.${didYouMean(suggest(name, known).map((k) => `--${k}`))}${known.length ? '' : ` \`${sub}\` takes no options.`}`,
        USAGE[sub],
      );
    }
    if (flags.has(name)) throw new ParseError(`${q(`--${name}`)} is given twice.`, USAGE[sub]);
    if (!allowed[name]) {
      if (inline !== undefined) throw new ParseError(`${q(`--${name}`)} takes no value.`, USAGE[sub]);
      flags.set(name, true);
      continue;
    }
    const value = inline ?? tokens[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new ParseError(`${q(`--${name}`)} needs a value.`, USAGE[sub]);
    flags.set(name, value);
  }
  return { positional, flags };
}

function severityArg(value: string, flag: string, sub: string): Severity {
  const sev = parseSeverity(value);
  if (!sev) {
    throw new ParseError(
      `${q(value)} is not a severity for \`--${flag}\`.${didYouMean(suggest(value, SEVERITIES.map((s) => s.toLowerCase())))} Severities: ${SEVERITIES.join(', ')}.`,
      USAGE[sub],
    );
  }
  return sev;
}

function sinceArg(value: string, sub: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new ParseError(`${q(`--since ${value}`)} is not a duration; use e.g. \`90m\`, \`24h\`, \`7d\`.`, USAGE[sub]);
  if (ms > MAX_SINCE_MS) throw new ParseError(`${q(`--since ${value}`)} is too far back; the limit is 90d.`, USAGE[sub]);
  return ms;
}

function onOff(word: string | undefined, sub: string): boolean {
  const w = word?.toLowerCase();
  if (w === 'on' || w === 'enable' || w === 'enabled') return true;
  if (w === 'off' || w === 'disable' || w === 'disabled') return false;
  throw new ParseError(word ? `${q(word)} is not \`on\` or \`off\`.` : `\`${sub}\` needs \`on\` or \`off\`.`, USAGE[sub]);
}

function targets(names: string[], sub: string, allowAll: boolean): Targets {
  if (names.some((n) => n.toLowerCase() === 'all')) {
    if (!allowAll) throw new ParseError(`\`${sub} all\` is not allowed; name the subscriptions.`, USAGE[sub]);
    if (names.length > 1) throw new ParseError(`Use either \`all\` or subscription names, not both.`, USAGE[sub]);
    return { all: true };
  }
  return { all: false, names: names.flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean) };
}

/** `<#C123|name>` (escaped mention), `<#C123>` or a bare channel id. */
export function parseChannel(text: string): { id: string; name?: string } | undefined {
  const m = /^<#([CG][A-Z0-9_]{2,})(?:\|([^>]*))?>$/.exec(text) ?? /^([CG][A-Z0-9_]{2,})$/.exec(text);
  if (!m) return undefined;
  return m[2] ? { id: m[1], name: m[2] } : { id: m[1] };
}

function parseSub(sub: string, rest: string[]): Command {
  const { positional, flags } = splitFlags(sub, rest);
  const str = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const noPositional = (): void => {
    if (positional.length) throw new ParseError(`\`${sub}\` does not take ${q(positional.join(' '))}.`, USAGE[sub]);
  };
  switch (sub) {
    case 'help':
      if (positional.length > 1) throw new ParseError('`help` takes at most one command name.', USAGE.help);
      return positional[0] ? { kind: 'help', topic: positional[0].toLowerCase() } : { kind: 'help' };
    case 'status': {
      if (positional.length > 1) throw new ParseError('`status` takes at most one filter.', USAGE.status);
      const word = (positional[0] ?? 'all').toLowerCase();
      if (!(STATUS_FILTERS as readonly string[]).includes(word)) {
        throw new ParseError(`${q(positional[0])} is not a status filter.${didYouMean(suggest(word, STATUS_FILTERS))} Filters: ${STATUS_FILTERS.join(', ')}.`, USAGE.status);
      }
      return { kind: 'status', filter: word as StatusFilter };
    }
    case 'prereqs':
      return { kind: 'prereqs', targets: positional.length ? targets(positional, sub, true) : { all: true } };
    case 'connect': {
      if (!positional.length) throw new ParseError('`connect` needs subscription names or `all`.', USAGE.connect);
      return { kind: 'connect', targets: targets(positional, sub, true), dryRun: flags.has('dry-run') };
    }
    case 'disconnect': {
      if (!positional.length) throw new ParseError('`disconnect` needs subscription names.', USAGE.disconnect);
      return { kind: 'disconnect', targets: targets(positional, sub, false) as { all: false; names: string[] } };
    }
    case 'sync': {
      const last = positional.at(-1);
      if (positional.length < 2) throw new ParseError('`sync` needs subscription names (or `all`) followed by `on` or `off`.', USAGE.sync);
      return { kind: 'sync', enabled: onOff(last, sub), targets: targets(positional.slice(0, -1), sub, true) };
    }
    case 'incidents': {
      if (positional.length > 1) throw new ParseError(`\`incidents\` takes \`on\` or \`off\`, not ${q(positional.join(' '))}.`, USAGE.incidents);
      const enabled = positional.length ? onOff(positional[0], sub) : undefined;
      const min = str('min-severity');
      if (min !== undefined && enabled === false) throw new ParseError('`--min-severity` only applies to `incidents on`.', USAGE.incidents);
      const floor = min ? severityArg(min, 'min-severity', sub) : 'Low';
      // Informational is included only when asked for by name: those alerts are not a risk on their own.
      const severities = (['High', 'Medium', 'Low', 'Informational'] as Severity[]).slice(0, ['High', 'Medium', 'Low', 'Informational'].indexOf(floor) + 1);
      return enabled === undefined ? { kind: 'incidents', severities } : { kind: 'incidents', enabled, severities };
    }
    case 'alerts': {
      noPositional();
      const sev = str('severity');
      const since = str('since');
      return {
        kind: 'alerts',
        ...(sev ? { severities: [...new Set(sev.split(',').filter(Boolean).map((s) => severityArg(s, 'severity', sub)))] } : {}),
        ...(since ? { sinceMs: sinceArg(since, sub) } : {}),
      };
    }
    case 'query': {
      if (positional.length !== 1) throw new ParseError('`query` needs exactly one query name.', USAGE.query);
      // Checked here, not in the worker: an unknown name is bad input to answer at once, not a job to fail.
      const names = QUERY_CATALOGUE.map((c) => c.name);
      const name = positional[0].toLowerCase();
      if (!names.includes(name)) {
        throw new ParseError(`${q(positional[0])} is not a query I know.${didYouMean(suggest(name, names))} Queries: ${names.join(', ')}.`, USAGE.query);
      }
      return { kind: 'query', name };
    }
    case 'notify':
      return parseNotify(positional, str('min-severity'), str('subscriptions'), flags.size > 0);
    case 'audit': {
      noPositional();
      const since = str('since');
      return { kind: 'audit', sinceMs: since ? sinceArg(since, sub) : DAY };
    }
    case 'jobs':
      noPositional();
      return { kind: 'jobs' };
    default:
      throw new ParseError(`Unknown command \`${sub}\`.`);
  }
}

function parseNotify(positional: string[], min: string | undefined, subs: string | undefined, hasFlags: boolean): Command {
  const first = positional[0]?.toLowerCase();
  if (first === 'list' || first === 'remove') {
    if (hasFlags) throw new ParseError(`\`notify ${first}\` takes no options.`, USAGE.notify);
    if (first === 'list') {
      if (positional.length > 1) throw new ParseError('`notify list` takes nothing else.', USAGE.notify);
      return { kind: 'notify-list' };
    }
    if (positional.length !== 2 || !/^[A-Za-z0-9-]{1,40}$/.test(positional[1])) throw new ParseError('`notify remove` needs one route id (see `/sentinel notify list`).', USAGE.notify);
    return { kind: 'notify-remove', id: positional[1] };
  }
  if (positional.length !== 1) throw new ParseError('`notify` needs exactly one channel, e.g. `/sentinel notify #soc-alerts`.', USAGE.notify);
  const channel = parseChannel(positional[0]);
  if (!channel) {
    throw new ParseError(
      `${q(positional[0])} is not a channel. Pick the channel from Slack's #-autocomplete so it arrives as a link, or pass the channel id (C…).`,
      USAGE.notify,
    );
  }
  const subscriptions = subs?.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    kind: 'notify',
    channel,
    ...(min ? { minSeverity: severityArg(min, 'min-severity', 'notify') } : {}),
    ...(subscriptions?.length ? { subscriptions } : {}),
  };
}

export function parseCommand(text: string): ParseResult {
  const tokens = tokenize(text ?? '');
  if (!tokens.length) return { ok: true, command: { kind: 'help' } };
  const sub = tokens[0].toLowerCase();
  if (!SUBCOMMANDS.includes(sub)) {
    const near = suggest(sub, SUBCOMMANDS);
    return {
      ok: false,
      error: `Unknown command ${q(tokens[0])}.${didYouMean(near)} Try \`/sentinel help\`.`,
      usage: near.length === 1 ? USAGE[near[0]] : undefined,
    };
  }
  try {
    return { ok: true, command: parseSub(sub, tokens.slice(1)) };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err.message, usage: err.usage };
    throw err;
  }
}
