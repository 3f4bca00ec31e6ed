// Terminal front door over the same operations the Slack jobs run.
// Exit codes: 0 ok, 1 an operation failed, 2 bad input or configuration.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { createAzureGateway } from './azure';
import { parseSeverity, severitiesFrom } from './domain/severity';
import { resolveSubscriptions, type ResolveError } from './domain/subscriptions';
import type { AlertRecord, AlertStatus, BulkResult, ChangeResult, PrerequisiteReport, QueryTable, Severity, TenantStatus } from './domain/types';
import {
  checkPrerequisites, getStatus, isAzureProblemError, KqlInputError, listAlerts, listSubscriptions, QUERY_CATALOGUE, runBulk, runQuery, setIncidentCreation,
  type AzureGateway, type BulkAction,
} from './operations';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliDeps {
  env: Record<string, string | undefined>;
  io: CliIo;
  /** Tests may inject a gateway; by default one is built from the environment. */
  gateway?: AzureGateway;
}

export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

class UsageError extends Error {
  constructor(message: string, readonly details: string[] = []) {
    super(message);
  }
}

const USAGE = `Usage: sentinel-chatops <command> [options]

Commands:
  status [--filter TEXT]                         every subscription: connected, Defender plans, sync, permissions
  prereqs [SUB | --all]                          prerequisite checks for the workspace (and subscriptions)
  connect SUB… | --all [--dry-run]               connect subscriptions to Sentinel
  disconnect SUB… [--dry-run]                    remove their data connectors
  sync SUB… | --all on|off [--dry-run]           bi-directional alert sync
  incidents on|off [--min-severity SEV] [--dry-run]
                                                 the "create incidents" rule (default High, Medium, Low)
  alerts [--severity SEV,…] [--min-severity SEV] [--since 24h|7d|ISO] [--status New,…] [--sub SUB] [--limit N]
  query NAME [--filter TEXT] [--since 7d]        a sample query (see: query --list)
  register-provider SUB [--dry-run]              register Microsoft.SecurityInsights
  subscriptions                                  subscriptions the identity can see

SUB is a subscription id or a unique, case-insensitive prefix of its display name.

Every command accepts --json for machine-readable output (stable; new fields may be added):
  status         {"workspace":{…},"subscriptions":[{"subscriptionId","displayName","state","connected":bool,
                  "connection":"connected|not-connected|error","plans":"none|some|all","enabledPlans":[…],
                  "biDirectionalSync":"on|off|unavailable","permissions":{"connect","toggleSync","enablePlans","reasons"},
                  "warnings":[…],"problem"?}],"warnings":[…],"generatedAt"}
  prereqs        {"workspace":[check],"subscriptions":[{"subscriptionId","displayName","checks":[check]}],"ready":bool}
                  check = {"id","title","verdict":"pass|fail|warn|unknown","evidence","fix"?,"fixAction"?}
  connect, disconnect, sync, register-provider
                 {"action","dryRun":bool,"results":[{"subscriptionId","displayName","outcome":"changed|unchanged|would-change|failed","detail","problem"?}]}
  incidents      {"subscriptionId","displayName","outcome","detail","problem"?}
  alerts         {"alerts":[{"systemAlertId","timeGenerated","severity","status","displayName","subscriptionId","defender"?,…}]}
  query          {"name","table":{"columns":[{"name","type"}],"rows":[[…]]}}
  subscriptions  {"subscriptions":[{"subscriptionId","displayName","state"}]}

Exit codes: 0 done (prereqs: the report ran — see "ready"), 1 an Azure operation failed, 2 bad input or configuration.`;

const OPTIONS = {
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  all: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  filter: { type: 'string' },
  since: { type: 'string' },
  severity: { type: 'string' },
  'min-severity': { type: 'string' },
  status: { type: 'string' },
  sub: { type: 'string', multiple: true },
  limit: { type: 'string' },
  concurrency: { type: 'string' },
} as const;

type Flags = {
  json?: boolean; 'dry-run'?: boolean; all?: boolean; list?: boolean; help?: boolean; filter?: string; since?: string; severity?: string;
  'min-severity'?: string; status?: string; sub?: string[]; limit?: string; concurrency?: string;
};

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const { io } = deps;
  let command: string | undefined;
  let args: string[];
  let flags: Flags;
  try {
    const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    [command, ...args] = parsed.positionals;
    flags = parsed.values as Flags;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  if (!command || flags.help || command === 'help') {
    (command || flags.help ? io.stdout : io.stderr)(`${USAGE}\n`);
    return command || flags.help ? EXIT.ok : EXIT.badInput;
  }
  if (command === 'query' && flags.list) {
    print(io, flags, { queries: QUERY_CATALOGUE }, () => table(['Name', 'Title', 'Description'], QUERY_CATALOGUE.map((q) => [q.name, q.title, q.description])));
    return EXIT.ok;
  }

  let gw: AzureGateway;
  try {
    gw = deps.gateway ?? createAzureGateway(loadConfig(deps.env, { need: ['azure'] }));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`Configuration is incomplete:\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`);
      return EXIT.badInput;
    }
    throw error;
  }

  try {
    return await run(gw, command, args, flags, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${error.details.map((d) => `  ${d}`).join('\n')}${error.details.length ? '\n' : ''}`);
      return EXIT.badInput;
    }
    if (error instanceof KqlInputError) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    if (isAzureProblemError(error)) {
      const p = error.problem;
      io.stderr(`Error (${p.code}): ${p.message}\n${p.fix ? `Fix: ${p.fix}\n` : ''}`);
      return EXIT.failed;
    }
    io.stderr(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

async function run(gw: AzureGateway, command: string, args: string[], flags: Flags, io: CliIo): Promise<number> {
  const dryRun = !!flags['dry-run'];
  switch (command) {
    case 'status': {
      const status = await getStatus(gw, { concurrency: intFlag(flags.concurrency, 'concurrency') });
      const shown = flags.filter ? filterStatus(status, flags.filter) : status;
      print(io, flags, shown, () => statusTable(shown));
      return EXIT.ok;
    }
    case 'subscriptions': {
      const subs = await listSubscriptions(gw);
      print(io, flags, { subscriptions: subs }, () => table(['Subscription', 'Id', 'State'], subs.map((s) => [s.displayName, s.subscriptionId, s.state])));
      return EXIT.ok;
    }
    case 'prereqs': {
      const subscriptionIds = flags.all ? 'all' as const : args.length ? (await resolve(gw, args)).map((s) => s.subscriptionId) : undefined;
      const report = await checkPrerequisites(gw, { subscriptionIds });
      print(io, flags, report, () => prerequisiteText(report));
      return EXIT.ok; // the report ran; "not ready" is its content (see `ready` in --json)
    }
    case 'connect':
    case 'disconnect':
    case 'register-provider':
      return bulk(gw, command, command === 'disconnect' ? withoutAll(args, flags) : args, flags, io, dryRun);
    case 'sync': {
      const state = args[args.length - 1]?.toLowerCase();
      if (state !== 'on' && state !== 'off') throw new UsageError('sync needs on or off as its last argument, e.g. `sync Production on`.');
      return bulk(gw, state === 'on' ? 'sync-on' : 'sync-off', args.slice(0, -1), flags, io, dryRun);
    }
    case 'incidents': {
      const state = args[0]?.toLowerCase();
      if ((state !== 'on' && state !== 'off') || args.length > 1) throw new UsageError('incidents needs on or off, e.g. `incidents on --min-severity Medium`.');
      const min = flags['min-severity'] ? severity(flags['min-severity']) : undefined;
      const result = await setIncidentCreation(gw, { enabled: state === 'on', severities: min ? severitiesFrom(min) : undefined, dryRun });
      print(io, flags, result, () => changeLine(result));
      return EXIT.ok;
    }
    case 'alerts': {
      const subscriptionIds = flags.sub?.length ? (await resolve(gw, flags.sub)).map((s) => s.subscriptionId) : undefined;
      const alerts = await listAlerts(gw, {
        severities: alertSeverities(flags),
        since: flags.since,
        statuses: flags.status ? list(flags.status).map(alertStatus) : undefined,
        subscriptionIds,
        limit: intFlag(flags.limit, 'limit'),
        filter: flags.filter,
      });
      print(io, flags, { alerts }, () => alertsTable(alerts));
      return EXIT.ok;
    }
    case 'query': {
      const name = args[0];
      if (!name || args.length > 1) throw new UsageError('query needs one query name.', QUERY_CATALOGUE.map((q) => `${q.name} — ${q.title}`));
      if (!QUERY_CATALOGUE.some((q) => q.name === name.toLowerCase())) throw new UsageError(`Unknown query "${name}". Available:`, QUERY_CATALOGUE.map((q) => `${q.name} — ${q.title}`));
      const result = await runQuery(gw, name, { filter: flags.filter, since: flags.since });
      print(io, flags, { name: name.toLowerCase(), table: result }, () => queryTable(result));
      return EXIT.ok;
    }
    default:
      throw new UsageError(`Unknown command "${command}". Run \`sentinel-chatops help\`.`);
  }
}

function withoutAll(args: string[], flags: Flags): string[] {
  // Disconnecting everything at once is too easy to regret: name them.
  if (flags.all) throw new UsageError('disconnect does not take --all; name the subscriptions.');
  return args;
}

async function bulk(gw: AzureGateway, action: BulkAction, tokens: string[], flags: Flags, io: CliIo, dryRun: boolean): Promise<number> {
  if (action === 'register-provider' && (flags.all || tokens.length !== 1)) throw new UsageError('register-provider takes exactly one subscription.');
  if (!flags.all && !tokens.length) throw new UsageError(`${action.replace(/-o(n|ff)$/, '')} needs subscriptions (by id or name) or --all.`);
  if (flags.all && tokens.length) throw new UsageError('Give subscriptions or --all, not both.');
  const all = await listSubscriptions(gw);
  const targets = flags.all ? all : resolveOrThrow(all, tokens);
  const result = await runBulk(gw, action, targets.map((s) => s.subscriptionId), {
    dryRun,
    subscriptions: all,
    concurrency: intFlag(flags.concurrency, 'concurrency'),
    onProgress: flags.json ? undefined : (done, total, last) => io.stderr(`[${done}/${total}] ${changeLine(last)}\n`),
  });
  print(io, flags, result, () => bulkSummary(result));
  return result.results.some((r) => r.outcome === 'failed') ? EXIT.failed : EXIT.ok;
}

async function resolve(gw: AzureGateway, tokens: string[]) {
  return resolveOrThrow(await listSubscriptions(gw), tokens);
}

function resolveOrThrow<T extends { subscriptionId: string; displayName: string }>(all: T[], tokens: string[]): T[] {
  const { matched, errors } = resolveSubscriptions(all, tokens);
  if (errors.length) throw new UsageError(errors.map(describeResolveError).join('\n'));
  return matched;
}

function describeResolveError(e: ResolveError): string {
  return [e.message, ...e.candidates.map((c) => `  ${c}`)].join('\n');
}

function severity(text: string): Severity {
  const s = parseSeverity(text);
  if (!s) throw new UsageError(`"${text}" is not a severity; use High, Medium, Low or Informational.`);
  return s;
}

function alertSeverities(flags: Flags): Severity[] | undefined {
  if (flags.severity && flags['min-severity']) throw new UsageError('Use --severity or --min-severity, not both.');
  if (flags.severity) return list(flags.severity).map(severity);
  return flags['min-severity'] ? severitiesFrom(severity(flags['min-severity'])) : undefined;
}

const ALERT_STATUSES: AlertStatus[] = ['New', 'InProgress', 'Resolved', 'Dismissed'];
function alertStatus(text: string): AlertStatus {
  const s = ALERT_STATUSES.find((x) => x.toLowerCase() === text.toLowerCase());
  if (!s) throw new UsageError(`"${text}" is not an alert status; use ${ALERT_STATUSES.join(', ')}.`);
  return s;
}

const list = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);

function intFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number.`);
  return n;
}

function filterStatus(status: TenantStatus, filter: string): TenantStatus {
  const f = filter.toLowerCase();
  return { ...status, subscriptions: status.subscriptions.filter((s) => s.displayName.toLowerCase().includes(f) || s.subscriptionId.toLowerCase().includes(f)) };
}

// ── output ──────────────────────────────────────────────────────────────────────────────────────────────

function print(io: CliIo, flags: Flags, data: unknown, human: () => string): void {
  io.stdout(flags.json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/** Left-aligned columns padded to the widest cell; cells are single-line. */
export function table(headers: string[], rows: string[][]): string {
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  const all = [headers, ...rows.map((r) => r.map(clean))];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...all.slice(1).map(line)].join('\n');
}

const PLAN_TEXT = { none: '-', some: 'Some enabled', all: 'All enabled' } as const;

function statusTable(status: TenantStatus): string {
  const rows = status.subscriptions.map((s) => [
    s.displayName,
    s.subscriptionId,
    s.connection === 'error' ? `error (${s.problem?.code ?? '?'})` : s.connected ? 'connected' : 'not connected',
    PLAN_TEXT[s.plans],
    s.biDirectionalSync,
    [s.permissions.connect ? 'connect' : '', s.permissions.toggleSync ? 'sync' : '', s.permissions.enablePlans ? 'plans' : ''].filter(Boolean).join(',') || 'none',
    s.warnings.join(' '),
  ]);
  const ws = status.workspace;
  const connected = status.subscriptions.filter((s) => s.connected).length;
  return [
    `Workspace ${ws.name} (${ws.resourceGroup}, ${ws.subscriptionId})${ws.onboarded ? '' : ' — Sentinel not enabled'}`,
    `${connected} of ${status.subscriptions.length} subscriptions connected`,
    '',
    table(['Subscription', 'Id', 'Status', 'Defender plans', 'Bi-di sync', 'Can', 'Warnings'], rows),
    ...status.warnings.map((w) => `\nWarning: ${w}`),
  ].join('\n');
}

const VERDICT = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', unknown: '??  ' } as const;

function prerequisiteText(report: PrerequisiteReport): string {
  const lines = (checks: PrerequisiteReport['workspace']) => checks.flatMap((c) => [
    `  [${VERDICT[c.verdict]}] ${c.title}: ${c.evidence}`,
    ...(c.verdict !== 'pass' && c.fix ? [`         fix: ${c.fix}`] : []),
  ]);
  return [
    'Workspace',
    ...lines(report.workspace),
    ...report.subscriptions.flatMap((s) => ['', `${s.displayName} (${s.subscriptionId})`, ...lines(s.checks)]),
    '',
    report.ready ? 'Ready: every prerequisite is met.' : 'Not ready: fix the failing checks above.',
  ].join('\n');
}

function changeLine(r: ChangeResult): string {
  const who = r.displayName ? `${r.displayName} (${r.subscriptionId})` : r.subscriptionId;
  return `${who}: ${r.outcome} — ${r.detail}${r.problem?.fix ? ` | fix: ${r.problem.fix}` : ''}`;
}

function bulkSummary(result: BulkResult): string {
  const count = (o: ChangeResult['outcome']) => result.results.filter((r) => r.outcome === o).length;
  const rows = result.results.map((r) => [r.displayName ?? '', r.subscriptionId, r.outcome, r.problem ? `${r.detail} — ${r.problem.fix ?? ''}` : r.detail]);
  return [
    table(['Subscription', 'Id', 'Outcome', 'Detail'], rows),
    '',
    `${result.action}${result.dryRun ? ' (dry run)' : ''}: ${count('changed')} changed, ${count('would-change')} would change, ${count('unchanged')} unchanged, ${count('failed')} failed`,
  ].join('\n');
}

function alertsTable(alerts: AlertRecord[]): string {
  if (!alerts.length) return 'No alerts match.';
  return table(['Time', 'Severity', 'Status', 'Alert', 'Entity', 'Subscription'],
    alerts.map((a) => [a.timeGenerated.replace(/\.\d+Z$/, 'Z'), a.severity, a.status, a.displayName, a.compromisedEntity ?? '', a.subscriptionId ?? '']));
}

function queryTable(result: QueryTable): string {
  if (!result.rows.length) return 'No rows.';
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).slice(0, 80);
  return table(result.columns.map((c) => c.name), result.rows.map((r) => r.map(cell)));
}

/** Entry point for the bin launcher and `npm run cli`. */
export function runCli(argv = process.argv.slice(2)): void {
  main(argv, { env: process.env, io: { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) } })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.failed;
    });
}

if (require.main === module) runCli();
