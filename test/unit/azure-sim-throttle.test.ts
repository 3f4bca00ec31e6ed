import { Throttle } from '../../sim/azure/throttle';
import { Faults } from '../../sim/azure/faults';
import { RequestLog } from '../../sim/azure/requestLog';
import { odataFilter, odataOrderBy } from '../../sim/azure/odata';
import { actionMatches, findRole, roleAllows } from '../../sim/azure/roles';

describe('azure sim building blocks', () => {
  test('token bucket: ARM sizes and refill, scaled', () => {
    const t = new Throttle(1);
    const now = 1_000_000;
    for (let i = 0; i < 250; i++) expect(t.take('p|s', 'reads', now).allowed).toBe(true);
    const denied = t.take('p|s', 'reads', now);
    expect(denied).toEqual({ allowed: false, remaining: 0, retryAfterSec: 1 });
    expect(t.take('p|s', 'reads', now + 1000).remaining).toBe(24);
    expect(t.take('p|s', 'writes', now).remaining).toBe(199);
    const scaled = new Throttle(0.1);
    for (let i = 0; i < 20; i++) scaled.take('k', 'writes', now);
    expect(scaled.take('k', 'writes', now)).toEqual({ allowed: false, remaining: 0, retryAfterSec: 1 });
    expect(new Throttle(0).take('k', 'reads').allowed).toBe(true);
  });

  test('faults: count, method, path and subscription matching', () => {
    const f = new Faults();
    f.add({ path: 'pricings', method: 'GET', count: 2, status: 500 });
    f.add({ subscriptionId: 'ABC', status: 503 });
    expect(f.match('PUT', '/x/pricings', undefined)).toBeUndefined();
    expect(f.match('GET', '/x/pricings', undefined)?.status).toBe(500);
    expect(f.match('GET', '/x/pricings', undefined)?.status).toBe(500);
    expect(f.match('GET', '/x/pricings', undefined)).toBeUndefined();
    expect(f.match('GET', '/y', 'abc')?.status).toBe(503);
  });

  test('request log is a bounded ring buffer', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) log.push({ seq: log.nextSeq(), time: '', method: 'GET', path: `/${i}`, query: {}, status: 200, durationMs: 0 });
    expect(log.entries().map((e) => e.path)).toEqual(['/3', '/4', '/5']);
  });

  test('OData subset for incident lists', () => {
    const items = [{ properties: { status: 'New', n: 2 } }, { properties: { status: 'Closed', n: 1 } }, { properties: { status: 'Active', n: 3 } }];
    expect(items.filter(odataFilter("properties/status ne 'Closed'")).length).toBe(2);
    expect(items.filter(odataFilter("properties/status eq 'closed' and properties/n ge 1")).length).toBe(1);
    expect([...items].sort(odataOrderBy('properties/n desc')).map((i) => i.properties.n)).toEqual([3, 2, 1]);
    expect(() => odataFilter('contains(properties/title, x)')).toThrow();
  });

  test('role definitions: wildcard actions minus notActions', () => {
    expect(actionMatches('Microsoft.Security/*', 'microsoft.security/pricings/write')).toBe(true);
    expect(roleAllows(findRole('Reader')!, 'Microsoft.Security/pricings/read')).toBe(true);
    expect(roleAllows(findRole('Reader')!, 'Microsoft.Security/pricings/write')).toBe(false);
    expect(roleAllows(findRole('Contributor')!, 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
    expect(roleAllows(findRole('Security Admin')!, 'Microsoft.Security/settings/write')).toBe(true);
    expect(roleAllows(findRole('Security Admin')!, 'Microsoft.SecurityInsights/dataConnectors/write')).toBe(false);
    expect(roleAllows(findRole('ab8e14d6-4a74-4a29-9ba8-549422addade')!, 'Microsoft.SecurityInsights/dataConnectors/write')).toBe(true);
    expect(roleAllows(findRole('Log Analytics Contributor')!, 'Microsoft.OperationalInsights/workspaces/write')).toBe(true);
  });
});
