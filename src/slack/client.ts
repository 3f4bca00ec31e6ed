import { LogLevel, WebClient } from '@slack/web-api';
import type { Config } from '../config';

/** The Web API client for the worker role (the web role uses the one Bolt builds with the same options). */
export function createWebClient(config: Pick<Config, 'slack'>): WebClient {
  return new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    logLevel: LogLevel.ERROR,
  });
}
