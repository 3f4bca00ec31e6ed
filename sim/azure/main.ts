import { parseArgs } from 'node:util';
import { startAzureSim, startAlertGenerator } from './index';

/** Standalone entry: stdout carries only `export NAME=value` lines so `eval "$(npm run -s sim:azure)"` works; logs go to stderr. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      scenario: { type: 'string', default: 'small' },
      size: { type: 'string' },
      'throttle-scale': { type: 'string', default: '1' },
      'page-size': { type: 'string' },
      'ingestion-delay-ms': { type: 'string' },
      'sync-delay-ms': { type: 'string' },
      'registration-delay-ms': { type: 'string' },
      'alert-interval': { type: 'string' },
    },
  });
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const sim = await startAzureSim({
    port: Number(values.port),
    host: values.host,
    scenario: values.scenario,
    size: num(values.size),
    throttleScale: num(values['throttle-scale']),
    pageSize: num(values['page-size']),
    ingestionDelayMs: num(values['ingestion-delay-ms']),
    syncDelayMs: num(values['sync-delay-ms']),
    registrationDelayMs: num(values['registration-delay-ms']),
  });
  for (const [k, v] of Object.entries(sim.env)) process.stdout.write(`export ${k}=${v}\n`);
  process.stderr.write(`azure-sim: scenario '${sim.state.scenario}' with ${sim.state.subscriptionList.length} subscriptions listening on ${sim.url}\n`);
  const interval = num(values['alert-interval']) ?? (values.scenario === 'demo' ? 5 : 0);
  const generator = interval > 0 ? startAlertGenerator(sim, { intervalMs: interval * 1000 }) : undefined;
  if (generator) process.stderr.write(`azure-sim: raising a Defender alert about every ${interval}s\n`);
  const stop = (): void => {
    generator?.stop();
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`azure-sim: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
