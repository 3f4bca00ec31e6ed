import { BOT } from '../../sim/azure';
import { ARM_SCOPE, clients, credential, failure, startSim } from './azure-sim-clients';
import type { AzureSim } from '../../sim/azure';

describe('azure sim: Entra ID endpoints', () => {
  let sim: AzureSim;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());

  test('ClientSecretCredential gets a token through OIDC discovery + client credentials', async () => {
    const t = await credential(sim).getToken(ARM_SCOPE);
    expect(t.token.split('.')).toHaveLength(3);
    expect(t.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3_000_000);
    const paths = sim.requests().map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain(`GET /${sim.env.AZURE_TENANT_ID}/v2.0/.well-known/openid-configuration`);
    expect(paths).toContain(`POST /${sim.env.AZURE_TENANT_ID}/oauth2/v2.0/token`);
  });

  test('wrong secret → invalid_client (401, AADSTS7000215)', async () => {
    const err = await failure(credential(sim, 'bot', 'not-the-secret').getToken(ARM_SCOPE));
    expect(err.message).toContain('invalid_client');
    expect(err.message).toContain('AADSTS7000215');
    const raw = await fetch(`${sim.url}/${sim.env.AZURE_TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: BOT.clientId, client_secret: 'nope', scope: ARM_SCOPE }),
    });
    expect(raw.status).toBe(401);
    const body = (await raw.json()) as any;
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided/);
  });

  test('unknown client id → unauthorized_client (400); unknown tenant → invalid_tenant', async () => {
    const form = (client: string) => new URLSearchParams({ grant_type: 'client_credentials', client_id: client, client_secret: 'x', scope: ARM_SCOPE });
    const r1 = await fetch(`${sim.url}/${sim.env.AZURE_TENANT_ID}/oauth2/v2.0/token`, { method: 'POST', body: form('00000000-0000-0000-0000-000000000001') });
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as any).error).toBe('unauthorized_client');
    const r2 = await fetch(`${sim.url}/11111111-1111-1111-1111-111111111111/v2.0/.well-known/openid-configuration`);
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as any).error).toBe('invalid_tenant');
  });

  test('ARM rejects a missing token and a token for the wrong audience', async () => {
    const none = await fetch(`${sim.url}/subscriptions?api-version=2022-12-01`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error.code).toBe('AuthenticationFailed');
    const logsToken = await credential(sim).getToken('https://api.loganalytics.io/.default');
    const wrong = await fetch(`${sim.url}/subscriptions?api-version=2022-12-01`, { headers: { authorization: `Bearer ${logsToken.token}` } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).error.code).toBe('InvalidAuthenticationTokenAudience');
    const forged = await fetch(`${sim.url}/subscriptions?api-version=2022-12-01`, { headers: { authorization: 'Bearer a.b.c' } });
    expect(((await forged.json()) as any).error.code).toBe('InvalidAuthenticationToken');
  });

  test('the token names the principal that ARM authorizes', async () => {
    const c = clients(sim);
    const subs = [];
    for await (const s of c.subscriptions.subscriptions.list()) subs.push(s);
    expect(subs.length).toBeGreaterThan(10);
    expect(sim.requests({ path: /^\/subscriptions$/ }).at(-1)?.principal).toBe(BOT.objectId);
  });
});
