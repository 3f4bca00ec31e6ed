// The only reader of process.env. Parses once, reports every problem at once, never echoes values.
import { z } from 'zod';

export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;

const CLOUDS = {
  AzurePublicCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    logsEndpoint: 'https://api.loganalytics.io/v1',
    portal: 'https://portal.azure.com',
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    logsEndpoint: 'https://api.loganalytics.us/v1',
    portal: 'https://portal.azure.us',
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    logsEndpoint: 'https://api.loganalytics.azure.cn/v1',
    portal: 'https://portal.azure.cn',
  },
} as const;
export type AzureCloud = keyof typeof CLOUDS;

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const schema = z.object({
  ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SLACK_BOT_TOKEN: z.string({ error: 'is required (xoxb-… bot token)' }).regex(/^xox[bp]-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z.string({ error: 'is required (Basic Information → Signing Secret)' }).min(8, 'is too short'),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-')),
  SLACK_API_URL: optional(z.url({ error: 'must be a URL such as https://slack.com/api/' })),

  AZURE_TENANT_ID: z.string({ error: 'is required (Entra tenant id)' }).min(1),
  AZURE_CLIENT_ID: optional(z.string().min(1)),
  AZURE_CLIENT_SECRET: optional(z.string().min(1)),
  AZURE_CLOUD: z.enum(Object.keys(CLOUDS) as [AzureCloud, ...AzureCloud[]]).default('AzurePublicCloud'),
  AZURE_AUTHORITY_HOST: optional(httpsUrl),
  AZURE_ARM_ENDPOINT: optional(httpsUrl),
  AZURE_LOGS_ENDPOINT: optional(httpsUrl),

  SENTINEL_SUBSCRIPTION_ID: z.string({ error: 'is required (subscription of the Sentinel workspace)' }).regex(GUID, 'must be a GUID'),
  SENTINEL_RESOURCE_GROUP: z.string({ error: 'is required (resource group of the Sentinel workspace)' }).min(1),
  SENTINEL_WORKSPACE_NAME: z.string({ error: 'is required (Log Analytics workspace name)' }).min(1),

  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().min(1).default('{sentinel}'),

  ALERT_CHANNEL: optional(z.string().regex(/^[CGD][A-Z0-9_]+$/, 'must be a Slack channel id such as C0123ABCD')),
  ALERT_MIN_SEVERITY: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }).default('High'),
  ALERT_POLL_SECONDS: z.coerce.number().int().min(5, 'must be at least 5').max(3600).default(60),

  ADMIN_SLACK_USERS: csv,
  ADMIN_SLACK_USERGROUPS: csv,

  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

/** For front doors that never talk to Slack (the CLI): Slack variables become optional. */
const schemaWithoutSlack = schema.extend({
  SLACK_BOT_TOKEN: optional(schema.shape.SLACK_BOT_TOKEN),
  SLACK_SIGNING_SECRET: optional(schema.shape.SLACK_SIGNING_SECRET),
});

export type RawConfig = z.output<typeof schema>;

export interface LoadConfigOptions {
  /** Which outside worlds the caller needs configured; default both. Without 'slack', SLACK_* may be absent. */
  need?: ReadonlyArray<'slack' | 'azure'>;
}

export interface Config {
  role: RawConfig['ROLE'];
  port: number;
  host: string;
  logLevel: RawConfig['LOG_LEVEL'];
  shutdownGraceMs: number;
  slack: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string };
  azure: {
    tenantId: string;
    clientId?: string;
    clientSecret?: string;
    cloud: AzureCloud;
    authorityHost: string;
    armEndpoint: string;
    logsEndpoint: string;
    portalUrl: string;
    /** Token scopes stay the cloud's audience even when endpoints are overridden (e.g. a simulator). */
    armScope: string;
    logsScope: string;
  };
  workspace: { subscriptionId: string; resourceGroup: string; name: string };
  redis: { url: string; prefix: string };
  alerts: { channel?: string; minSeverity: (typeof SEVERITIES)[number]; pollSeconds: number };
  admins: { users: string[]; usergroups: string[] };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** One line per problem, naming the variable; never includes the value (it may be a secret). */
function describe(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? issue.message.replace(/^Invalid input.*$/, 'is required') : issue.message;
    return `${name}: ${message}`;
  });
}

export function loadConfig(env: Record<string, string | undefined> = process.env, options: LoadConfigOptions = {}): Config {
  const needSlack = (options.need ?? ['slack', 'azure']).includes('slack');
  const parsed = (needSlack ? schema : schemaWithoutSlack).safeParse(env);
  const problems = parsed.success ? [] : describe(parsed.error.issues);
  if (env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_ID) {
    problems.push('AZURE_CLIENT_ID: is required when AZURE_CLIENT_SECRET is set');
  }
  if (!parsed.success || problems.length) throw new ConfigError([...new Set(problems)]);
  const e = parsed.data;
  const cloud = CLOUDS[e.AZURE_CLOUD];
  return Object.freeze({
    role: e.ROLE,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    slack: { botToken: e.SLACK_BOT_TOKEN ?? '', signingSecret: e.SLACK_SIGNING_SECRET ?? '', appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL },
    azure: {
      tenantId: e.AZURE_TENANT_ID,
      clientId: e.AZURE_CLIENT_ID,
      clientSecret: e.AZURE_CLIENT_SECRET,
      cloud: e.AZURE_CLOUD,
      authorityHost: e.AZURE_AUTHORITY_HOST ?? cloud.authorityHost,
      armEndpoint: (e.AZURE_ARM_ENDPOINT ?? cloud.armEndpoint).replace(/\/$/, ''),
      logsEndpoint: (e.AZURE_LOGS_ENDPOINT ?? cloud.logsEndpoint).replace(/\/$/, ''),
      portalUrl: cloud.portal,
      armScope: `${cloud.armEndpoint}/.default`,
      logsScope: `${cloud.logsEndpoint.replace(/\/v1$/, '')}/.default`,
    },
    workspace: { subscriptionId: e.SENTINEL_SUBSCRIPTION_ID, resourceGroup: e.SENTINEL_RESOURCE_GROUP, name: e.SENTINEL_WORKSPACE_NAME },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    alerts: { channel: e.ALERT_CHANNEL, minSeverity: e.ALERT_MIN_SEVERITY, pollSeconds: e.ALERT_POLL_SECONDS },
    admins: { users: e.ADMIN_SLACK_USERS, usergroups: e.ADMIN_SLACK_USERGROUPS },
  });
}
