import fc from 'fast-check';
import { alertsQuery, datetime, isoDuration, KqlInputError, list, newAlertsQuery, sinceExpression, str, timespan, userFilter } from '../../src/domain/kql';
import { buildSampleQuery, QUERY_CATALOGUE } from '../../src/domain/queries';

/** Splits KQL into code and double-quoted string literals, honouring backslash escapes — as the KQL lexer does. */
function scan(kqlText: string): { code: string; literals: string[] } {
  let code = '';
  const literals: string[] = [];
  for (let i = 0; i < kqlText.length; i++) {
    const ch = kqlText[i];
    if (ch === '"' || ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < kqlText.length && kqlText[j] !== ch; j++) {
        if (kqlText[j] === '\n') throw new Error('unterminated literal: raw newline inside a string');
        if (kqlText[j] === '\\') {
          j++;
          const esc = kqlText[j];
          value += esc === 'n' ? '\n' : esc === 'r' ? '\r' : esc === 't' ? '\t' : esc;
        } else value += kqlText[j];
      }
      if (j >= kqlText.length) throw new Error('unterminated literal');
      literals.push(value);
      code += 'LIT';
      i = j;
    } else code += ch;
  }
  return { code, literals };
}

// eslint-disable-next-line no-control-regex -- the very characters the builder rejects
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const ATTACKS = [
  'x" | take 1000000 //',
  "x' or 1==1 or '",
  'a" or ProductName != "',
  'evil\n| project Secret',
  'a; SecurityIncident',
  '// comment out the rest',
  'back\\slash\\" | where 1==1 //',
  '\\',
  'ünïcødé “quotes” 🚨 \u2028 line sep',
  '") | union SecurityIncident | where ("',
  '\r\n| summarize count()',
  'tab\tseparated',
];

describe('KQL string literals', () => {
  it.each(ATTACKS)('keeps %j inside one literal that decodes to the same value', (attack) => {
    const literal = str(attack);
    const { code, literals } = scan(literal);
    expect(code).toBe('LIT');
    expect(literals).toEqual([attack]);
  });

  it('round-trips any printable text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !CONTROL.test(s)), (s) => {
      const { code, literals } = scan(str(s));
      return code === 'LIT' && literals[0] === s;
    }));
  });

  it('rejects control characters and over-long values', () => {
    expect(() => str('a\u0000b')).toThrow(KqlInputError);
    expect(() => str('\u001b[31m')).toThrow(KqlInputError);
    expect(() => str('x'.repeat(1001))).toThrow(KqlInputError);
  });

  it('builds in-lists from escaped literals and refuses an empty list', () => {
    expect(list(['High', 'a"b'])).toBe('("High", "a\\"b")');
    expect(() => list([])).toThrow(KqlInputError);
  });
});

describe('user filter', () => {
  const SHAPE = /^\| where (DisplayName|AlertName|AlertType|CompromisedEntity|ResourceId|Description) has LIT( or (DisplayName|AlertName|AlertType|CompromisedEntity|ResourceId|Description) has LIT)*$/;

  it.each(ATTACKS)('stays one where-clause for %j', (attack) => {
    const { code, literals } = scan(userFilter(attack));
    expect(code).toMatch(SHAPE);
    expect(new Set(literals)).toEqual(new Set([attack.trim()]));
  });

  it('stays one where-clause for any input (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim().length > 0 && !CONTROL.test(s)), (s) => {
      const { code } = scan(userFilter(s));
      return /^\| where [A-Za-z]+ (has|=~) LIT( or [A-Za-z]+ has LIT)*$/.test(code);
    }));
  });

  it('turns Column:value into one case-insensitive equality on a whitelisted column', () => {
    expect(userFilter('compromisedentity: vm-01')).toBe('| where CompromisedEntity =~ "vm-01"');
    expect(scan(userFilter('AlertSeverity=High" or 1==1 //')).code).toBe('| where AlertSeverity =~ LIT');
  });

  it('treats an unknown column prefix as free text rather than an identifier', () => {
    const q = userFilter('TenantId: abc');
    expect(q).not.toContain('TenantId =~');
    expect(scan(q).literals[0]).toBe('TenantId: abc');
  });

  it('keeps the whole sample query one pipeline with the filter as a single clause', () => {
    for (const attack of ATTACKS) {
      const q = buildSampleQuery('all-alerts', { filter: attack });
      const { code } = scan(q);
      expect(code.split('\n')).toEqual([
        'SecurityAlert',
        '| where ProductName == LIT',
        expect.stringMatching(/^\| where [A-Za-z]+ has LIT( or [A-Za-z]+ has LIT)*$/),
        '| sort by TimeGenerated desc',
        '| take 200',
      ]);
      expect(code).not.toMatch(/\/\/|;/);
    }
  });
});

describe('datetimes and timespans', () => {
  it('normalises ISO datetimes to UTC literals', () => {
    expect(datetime('2026-01-01T01:00:00+01:00')).toBe('datetime(2026-01-01T00:00:00.000Z)');
    expect(datetime(new Date(Date.UTC(2026, 0, 2)))).toBe('datetime(2026-01-02T00:00:00.000Z)');
  });

  it.each(['2026-01-01) | take 1', 'yesterday', '2026-13-45', ''])('rejects %j as a datetime', (bad) => {
    expect(() => datetime(bad)).toThrow(KqlInputError);
  });

  it('accepts only number+unit timespans', () => {
    expect(timespan('24h')).toBe('24h');
    expect(timespan(' 7d ')).toBe('7d');
    for (const bad of ['1d) | take 5', '0h', '-1d', '1w', 'ago(1d)', '1.5h', '24 h']) expect(() => timespan(bad)).toThrow(KqlInputError);
    expect(isoDuration('24h')).toBe('PT24H');
    expect(isoDuration('7d')).toBe('P7D');
  });

  it('reads "since" as a span back from now or as a datetime', () => {
    expect(sinceExpression('30m')).toBe('ago(30m)');
    expect(sinceExpression('2026-03-01')).toBe('datetime(2026-03-01T00:00:00.000Z)');
    expect(() => sinceExpression('last week')).toThrow(KqlInputError);
  });
});

describe('newAlertsQuery (domain.md §4.4)', () => {
  it('follows the recommended shape exactly', () => {
    expect(newAlertsQuery({ watermark: '2026-01-01T00:00:00Z', overlapMinutes: 10, guardDays: 3 })).toBe([
      'let watermark = datetime(2026-01-01T00:00:00.000Z);',
      'SecurityAlert',
      '| where TimeGenerated > ago(3d)',
      '| where ProductName in ("Azure Security Center", "Microsoft Defender for Cloud")',
      '| extend IngestedAt = ingestion_time()',
      '| where IngestedAt > watermark - 10m',
      '| summarize arg_max(IngestedAt, *) by SystemAlertId',
      '| project SystemAlertId, IngestedAt, TimeGenerated, StartTime, EndTime, AlertName, DisplayName, AlertSeverity, Status, CompromisedEntity, ResourceId, ProductComponentName, AlertLink, Tactics, Techniques, Description, RemediationSteps, Entities, ExtendedProperties, VendorOriginalId',
      '| order by IngestedAt asc',
    ].join('\n'));
  });

  it('reads the whole guard window without a watermark and caps rows with a limit', () => {
    const q = newAlertsQuery({ guardDays: 5, limit: 500 });
    expect(q).toMatch(/^let watermark = ago\(5d\);/);
    expect(q).toMatch(/\| take 500$/);
  });

  it('validates its numbers', () => {
    expect(() => newAlertsQuery({ guardDays: 0 })).toThrow(KqlInputError);
    expect(() => newAlertsQuery({ overlapMinutes: -1 })).toThrow(KqlInputError);
    expect(() => newAlertsQuery({ limit: 1.5 })).toThrow(KqlInputError);
    expect(() => newAlertsQuery({ watermark: 'now' })).toThrow(KqlInputError);
  });
});

describe('alertsQuery', () => {
  it('filters the latest row per alert by severity, status and subscription', () => {
    const q = alertsQuery({ since: '7d', severities: ['High', 'Medium'], statuses: ['New'], subscriptionIds: ['AAAAAAAA-0000-0000-0000-000000000001'], limit: 10 });
    const lines = q.split('\n');
    expect(lines.indexOf('| summarize arg_max(TimeGenerated, *) by SystemAlertId')).toBeLessThan(lines.indexOf('| where Status in ("New")'));
    expect(q).toContain('| where AlertSeverity in ("High", "Medium")');
    expect(q).toContain('in ("aaaaaaaa-0000-0000-0000-000000000001")');
    expect(q).toMatch(/\| take 10$/);
  });

  it('rejects a subscription id that is not a GUID', () => {
    expect(() => alertsQuery({ subscriptionIds: ['x") | take 1'] })).toThrow(KqlInputError);
  });
});

describe('sample query catalogue', () => {
  it('offers the connector page queries', () => {
    expect(QUERY_CATALOGUE.map((q) => q.name)).toEqual(expect.arrayContaining(['all-alerts', 'by-severity', 'last-data']));
    expect(buildSampleQuery('by-severity')).toBe('SecurityAlert\n| where ProductName == "Azure Security Center"\n| summarize count() by AlertSeverity');
    expect(buildSampleQuery('LAST-DATA', { since: '1d' })).toContain('| where TimeGenerated > ago(1d)');
    expect(() => buildSampleQuery('drop-table')).toThrow(/Available: all-alerts/);
  });
});
