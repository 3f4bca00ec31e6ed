/**
 * Standalone simulator: `npm run sim:slack -- --port 4020 --bot-url http://127.0.0.1:3000/slack/events`.
 * stdout carries only `export NAME=value` lines (so `eval "$(npm run -s sim:slack …)"`-style use works); logs go to stderr.
 */
import { parseArgs } from 'node:util';
import { startSlackSim } from './sim';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4020' },
      host: { type: 'string', default: '127.0.0.1' },
      'bot-url': { type: 'string' },
      'signing-secret': { type: 'string' },
      'bot-token': { type: 'string' },
      'no-rate-limits': { type: 'boolean', default: false },
      'rate-scale': { type: 'string' },
      'trigger-ttl-ms': { type: 'string' },
      'socket-mode': { type: 'boolean', default: false },
      'app-token': { type: 'string' },
    },
  });
  const sim = await startSlackSim({
    port: Number(values.port),
    host: values.host,
    botUrl: values['bot-url'],
    signingSecret: values['signing-secret'],
    botToken: values['bot-token'],
    rateLimits: { enabled: !values['no-rate-limits'], scale: values['rate-scale'] ? Number(values['rate-scale']) : undefined },
    triggerTtlMs: values['trigger-ttl-ms'] ? Number(values['trigger-ttl-ms']) : undefined,
    socketMode: values['socket-mode'],
    appToken: values['app-token'],
  });
  for (const [name, value] of Object.entries(sim.env)) process.stdout.write(`export ${name}=${value}\n`);
  const botUrl = sim.botUrl() ?? (values['socket-mode'] ? 'unset; deliveries go over Socket Mode once the app connects' : 'unset; POST /_sim/config {"botUrl":…}');
  process.stderr.write(`slack-sim listening on ${sim.url} (bot url: ${botUrl})\n`);
  sim.workspace.bus.on('event', (e: { type: string }) => {
    if (e.type !== 'api_call') process.stderr.write(`slack-sim ${e.type}\n`);
  });
  const stop = (): void => {
    sim.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`slack-sim failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
