import { parseChannel, parseCommand, parseDuration, suggest, tokenize, USAGE } from '../../src/slack/commands/parse';
import { resolveNames } from '../../src/slack/commands/resolve';

const ok = (text: string) => {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.error}`);
  return r.command;
};
const err = (text: string) => {
  const r = parseCommand(text);
  if (r.ok) throw new Error(`expected ${text} to fail`);
  return r;
};

describe('tokenize', () => {
  it('keeps quoted names together, including smart quotes', () => {
    expect(tokenize('connect "Prod West" “Dev East” \'QA\' x')).toEqual(['connect', 'Prod West', 'Dev East', 'QA', 'x']);
  });
});

describe('parseCommand: every subcommand', () => {
  it('help, empty text and help topics', () => {
    expect(ok('')).toEqual({ kind: 'help' });
    expect(ok('help')).toEqual({ kind: 'help' });
    expect(ok('HELP connect')).toEqual({ kind: 'help', topic: 'connect' });
  });
  it('status with every filter', () => {
    expect(ok('status')).toEqual({ kind: 'status', filter: 'all' });
    for (const f of ['not-connected', 'sync-off', 'no-plans', 'errors', 'all']) expect(ok(`status ${f}`)).toEqual({ kind: 'status', filter: f });
  });
  it('prereqs: none means all, names, all', () => {
    expect(ok('prereqs')).toEqual({ kind: 'prereqs', targets: { all: true } });
    expect(ok('prereqs all')).toEqual({ kind: 'prereqs', targets: { all: true } });
    expect(ok('prereqs prod dev')).toEqual({ kind: 'prereqs', targets: { all: false, names: ['prod', 'dev'] } });
  });
  it('connect with names, commas, all and --dry-run', () => {
    expect(ok('connect prod,dev "QA One"')).toEqual({ kind: 'connect', targets: { all: false, names: ['prod', 'dev', 'QA One'] }, dryRun: false });
    expect(ok('connect all --dry-run')).toEqual({ kind: 'connect', targets: { all: true }, dryRun: true });
    expect(ok('connect all —dry-run')).toMatchObject({ dryRun: true }); // em dash from autocorrect
  });
  it('disconnect needs names', () => {
    expect(ok('disconnect prod')).toEqual({ kind: 'disconnect', targets: { all: false, names: ['prod'] } });
  });
  it('sync names|all on|off', () => {
    expect(ok('sync prod dev on')).toEqual({ kind: 'sync', enabled: true, targets: { all: false, names: ['prod', 'dev'] } });
    expect(ok('sync all off')).toEqual({ kind: 'sync', enabled: false, targets: { all: true } });
  });
  it('incidents: panel, on with default severities (no Informational), explicit Informational, off', () => {
    expect(ok('incidents')).toEqual({ kind: 'incidents', severities: ['High', 'Medium', 'Low'] });
    expect(ok('incidents on')).toEqual({ kind: 'incidents', enabled: true, severities: ['High', 'Medium', 'Low'] });
    expect(ok('incidents on --min-severity medium')).toEqual({ kind: 'incidents', enabled: true, severities: ['High', 'Medium'] });
    expect(ok('incidents on --min-severity=Informational')).toEqual({ kind: 'incidents', enabled: true, severities: ['High', 'Medium', 'Low', 'Informational'] });
    expect(ok('incidents off')).toMatchObject({ kind: 'incidents', enabled: false });
  });
  it('alerts with severity list and since', () => {
    expect(ok('alerts')).toEqual({ kind: 'alerts' });
    expect(ok('alerts --severity high,medium --since 24h')).toEqual({ kind: 'alerts', severities: ['High', 'Medium'], sinceMs: 86_400_000 });
  });
  it('query', () => {
    expect(ok('query all-alerts')).toEqual({ kind: 'query', name: 'all-alerts' });
    expect(ok('query By-Severity')).toEqual({ kind: 'query', name: 'by-severity' });
  });
  it('notify, notify list, notify remove', () => {
    expect(ok('notify <#C123ABC|soc-alerts> --min-severity medium --subscriptions prod,dev')).toEqual({
      kind: 'notify',
      channel: { id: 'C123ABC', name: 'soc-alerts' },
      minSeverity: 'Medium',
      subscriptions: ['prod', 'dev'],
    });
    expect(ok('notify C_SOC')).toEqual({ kind: 'notify', channel: { id: 'C_SOC' } });
    expect(ok('notify list')).toEqual({ kind: 'notify-list' });
    expect(ok('notify remove ab12cd34')).toEqual({ kind: 'notify-remove', id: 'ab12cd34' });
  });
  it('audit and jobs', () => {
    expect(ok('audit')).toEqual({ kind: 'audit', sinceMs: 86_400_000 });
    expect(ok('audit --since 7d')).toEqual({ kind: 'audit', sinceMs: 7 * 86_400_000 });
    expect(ok('jobs')).toEqual({ kind: 'jobs' });
  });
});

describe('parseCommand: errors say what was wrong and what would work', () => {
  it.each([
    ['stauts', /Unknown command `stauts`.*Did you mean `status`/],
    ['conect all', /Did you mean `connect`/],
    ['frobnicate', /Unknown command `frobnicate`\. Try `\/sentinel help`/],
    ['status conected', /not a status filter.*`not-connected`/],
    ['status a b', /at most one filter/],
    ['connect', /needs subscription names or `all`/],
    ['connect all --dryrun', /no option `--dryrun`.*`--dry-run`/],
    ['connect all --dry-run --dry-run', /given twice/],
    ['connect all --dry-run=yes', /takes no value/],
    ['connect all prod', /either `all` or subscription names/],
    ['disconnect', /needs subscription names/],
    ['disconnect all', /`disconnect all` is not allowed/],
    ['sync prod', /needs subscription names .* followed by `on` or `off`/],
    ['sync prod maybe', /`maybe` is not `on` or `off`/],
    ['incidents maybe', /`maybe` is not `on` or `off`/],
    ['incidents on --min-severity hgh', /not a severity.*`high`/],
    ['incidents off --min-severity high', /only applies to `incidents on`/],
    ['incidents on --min-severity', /needs a value/],
    ['alerts --since forever', /not a duration/],
    ['alerts --since 365d', /too far back/],
    ['alerts --severity critical', /not a severity/],
    ['alerts now', /does not take `now`/],
    ['query', /exactly one query name/],
    ['query "drop table"', /not a query I know/],
    ['query defender-alerts', /not a query I know.*Queries: all-alerts, by-severity/],
    ['query by-severty', /Did you mean `by-severity`/],
    ['notify', /exactly one channel/],
    ['notify #soc', /not a channel/],
    ['notify <#D123ABC|direct-message>', /not a channel/],
    ['notify list --min-severity high', /takes no options/],
    ['notify remove', /needs one route id/],
    ['jobs now', /does not take/],
    ['audit --since', /needs a value/],
    ['status --all', /has no option `--all`.*takes no options/],
  ])('%s', (text, message) => {
    expect(err(text).error).toMatch(message);
  });
  it('attaches the usage line of the command', () => {
    expect(err('sync prod').usage).toBe(USAGE.sync);
  });
  it('never echoes mentions or markup from the user', () => {
    const r = err('<!channel> `x` &');
    expect(r.error).not.toMatch(/<!channel>/);
    expect(r.error).toContain('&lt;!channel&gt;');
  });
});

describe('helpers', () => {
  it('suggest ranks by edit distance and prefix', () => {
    expect(suggest('stat', ['status', 'sync', 'jobs'])).toEqual(['status']);
    expect(suggest('zzzzzz', ['status'])).toEqual([]);
  });
  it('parseDuration', () => {
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('1y')).toBeUndefined();
  });
  it('parseChannel', () => {
    expect(parseChannel('<#C1AB|x>')).toEqual({ id: 'C1AB', name: 'x' });
    expect(parseChannel('<#G1AB>')).toEqual({ id: 'G1AB' });
    expect(parseChannel('#general')).toBeUndefined();
  });
});

describe('resolveNames', () => {
  const subs = [
    { subscriptionId: '11111111-1111-1111-1111-111111111111', displayName: 'Production West' },
    { subscriptionId: '22222222-2222-2222-2222-222222222222', displayName: 'Production East' },
    { subscriptionId: '33333333-3333-3333-3333-333333333333', displayName: 'Dev <script>*bold*' },
  ];
  it('resolves ids, exact names and unique prefixes', () => {
    expect(resolveNames(['production west', '22222222-2222-2222-2222-222222222222', 'dev'], subs)).toEqual({
      ok: true,
      ids: ['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333333'],
    });
  });
  it('ambiguous names list the candidates', () => {
    const r = resolveNames(['prod'], subs);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/matches 2 subscriptions/);
      expect(r.error).toContain('Production East');
      expect(r.error).toContain('Production West');
    }
  });
  it('unknown names suggest the closest, escaped', () => {
    const r = resolveNames(['Productoin West'], subs);
    if (r.ok) throw new Error('expected failure');
    expect(r.error).toMatch(/did you mean[\s\S]*Production West/);
    const d = resolveNames(['zzz'], subs);
    if (d.ok) throw new Error('expected failure');
    expect(d.error).toContain('Dev &lt;script&gt;');
    expect(d.error).not.toContain('<script>');
  });
  it('reports an empty cache distinctly', () => {
    expect(resolveNames(['x'], [])).toEqual({ ok: false, error: 'empty-cache' });
  });
});
