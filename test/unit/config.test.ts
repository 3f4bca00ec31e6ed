import { loadConfig, ConfigError } from '../../src/config';

const good = {
  SLACK_BOT_TOKEN: 'xoxb-123',
  SLACK_SIGNING_SECRET: 'abcdef0123456789',
  AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  AZURE_CLIENT_ID: 'client',
  AZURE_CLIENT_SECRET: 'super-secret-value',
  SENTINEL_SUBSCRIPTION_ID: '00000000-0000-0000-0000-0000000000aa',
  SENTINEL_RESOURCE_GROUP: 'soc-rg',
  SENTINEL_WORKSPACE_NAME: 'soc-ws',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as ConfigError).problems;
  }
  return [];
}

describe('loadConfig', () => {
  it('accepts a complete environment and applies defaults', () => {
    const c = loadConfig(good);
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.alerts).toEqual({ channel: undefined, minSeverity: 'High', pollSeconds: 60 });
    expect(c.azure.armEndpoint).toBe('https://management.azure.com');
    expect(c.azure.logsEndpoint).toBe('https://api.loganalytics.io/v1');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reports every missing setting at once, one line each naming the variable', () => {
    const list = problems({});
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'AZURE_TENANT_ID', 'SENTINEL_SUBSCRIPTION_ID', 'SENTINEL_RESOURCE_GROUP', 'SENTINEL_WORKSPACE_NAME']) {
      expect(list.filter((p) => p.startsWith(`${name}:`))).toHaveLength(1);
    }
  });

  it('names what is wrong without echoing secret values', () => {
    const list = problems({ ...good, SLACK_BOT_TOKEN: 'not-a-token-SECRET', ALERT_MIN_SEVERITY: 'Critical', AZURE_ARM_ENDPOINT: 'http://insecure', ALERT_POLL_SECONDS: '1' });
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SLACK_BOT_TOKEN: .*xoxb-/),
        expect.stringMatching(/^ALERT_MIN_SEVERITY: must be one of Informational, Low, Medium, High/),
        expect.stringMatching(/^AZURE_ARM_ENDPOINT: must be an https/),
        expect.stringMatching(/^ALERT_POLL_SECONDS: /),
      ]),
    );
    expect(list.join('\n')).not.toContain('SECRET');
  });

  it('requires a client id with a client secret', () => {
    expect(problems({ ...good, AZURE_CLIENT_ID: '' })).toContain('AZURE_CLIENT_ID: is required when AZURE_CLIENT_SECRET is set');
  });

  it('picks sovereign cloud endpoints and keeps the cloud audience when endpoints are overridden', () => {
    const gov = loadConfig({ ...good, AZURE_CLOUD: 'AzureUSGovernment' });
    expect(gov.azure.armEndpoint).toBe('https://management.usgovcloudapi.net');
    const sim = loadConfig({ ...good, AZURE_ARM_ENDPOINT: 'https://127.0.0.1:4010/', AZURE_LOGS_ENDPOINT: 'https://127.0.0.1:4010/v1' });
    expect(sim.azure.armEndpoint).toBe('https://127.0.0.1:4010');
    expect(sim.azure.armScope).toBe('https://management.azure.com/.default');
    expect(sim.azure.logsScope).toBe('https://api.loganalytics.io/.default');
  });

  it('splits admin lists', () => {
    const c = loadConfig({ ...good, ADMIN_SLACK_USERS: 'U1, U2,,', ADMIN_SLACK_USERGROUPS: 'S1' });
    expect(c.admins).toEqual({ users: ['U1', 'U2'], usergroups: ['S1'] });
  });
});
