import pino, { type Logger } from 'pino';

/** Paths that may carry secrets anywhere in a log record. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'signingSecret',
  '*.signingSecret',
  'appToken',
  '*.appToken',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'response_url',
  '*.response_url',
  'responseUrl',
  '*.responseUrl',
];

export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'sentinel-chatops' }, redact: { paths: REDACT_PATHS, censor: '[Redacted]' } }, destination);
}

export type { Logger };
