// Process entry: ROLE=web|worker|all. Exit 2 on bad configuration, graceful stop on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { startBot } from './bot';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`sentinel-chatops: invalid configuration (${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}):\n`);
      for (const problem of err.problems) process.stderr.write(`  ${problem}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const bot = await startBot(config, logger);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Hard bound: never hang past the grace period plus a margin for closing connections.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 5000).unref();
    void bot.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`sentinel-chatops: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
