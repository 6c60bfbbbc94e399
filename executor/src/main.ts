import { loadConfig } from './config.js';
import { createExecutor } from './executor.js';
import { createLogger } from './logger.js';

// Warnings reach the run as `warning` events; the SDK's own console lines would only be noise.
globalThis.AI_SDK_LOG_WARNINGS = false;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const executor = createExecutor(config, { logger });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    executor.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  // ai-sdk-provider-codex-cli 1.4.1 throws a turn's final error out of an event listener; the run
  // already learns it from the raw stream, and one provider must not take every run down (PR5).
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception in a provider; the executor keeps running', { error: String(error) });
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await executor.start();
}

main().catch((error: unknown) => {
  // A bad configuration or a taken port: one clear line, and a failing exit code for the runtime.
  process.stderr.write(
    `executor failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
