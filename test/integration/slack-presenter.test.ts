// The worker's presenter against the Slack simulator: what reaches a channel is safe to render.
import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { startSlackSim, type SlackSim } from '../../sim/slack';
import { createSlackPresenter } from '../../src/slack/presenter';
import { cleanPrefix, testPrefix, withRedis } from '../support/redis';
import type { Redis } from '../../src/store/redis';

describe('Slack presenter notices', () => {
  let slack: SlackSim;
  let redis: Redis;
  const prefix = testPrefix('presenter');

  beforeAll(async () => {
    slack = await startSlackSim({ port: 0 });
    redis = await withRedis();
  });
  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    redis.disconnect();
    await slack.close();
  });

  it('escapes Azure or user text so it cannot mention @channel, users or forge links', async () => {
    const presenter = createSlackPresenter({ client: new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl }), redis, prefix, logger: pino({ level: 'silent' }) });
    await presenter.notice({ channel: 'C_SOC', userId: 'U_ANALYST' }, 'Subscription <!channel> <@U_ADMIN> <https://evil.example|click> failed: run `/sentinel prereqs x`');
    const [ephemeral] = slack.ephemerals('C_SOC', 'U_ANALYST');
    expect(ephemeral.text).toBe('Subscription &lt;!channel&gt; &lt;@U_ADMIN&gt; &lt;https://evil.example|click&gt; failed: run `/sentinel prereqs x`');
  });
});
