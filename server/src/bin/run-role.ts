import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { buildServices, type Services } from '../services.js';

/** How long a stopping role may take before it exits regardless (compose gives it 30 s). */
const STOP_TIMEOUT_MS = 20_000;

/**
 * Shared start-up of a process role: config, logger, services, then the role's own start; SIGTERM
 * and SIGINT stop the role first (stop taking work), then close the services.
 */
export async function runRole(
  role: string,
  start: (services: Services) => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(78);
  }
  const log: Logger = createLogger(config.logLevel, role);
  const services = await buildServices(config, log);
  const running = await start(services);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${role} stopping`);
    // A job or connection that will not finish must not keep the process alive: what a worker
    // leaves unfinished is picked up again by the next one (stalled-job recovery, idempotent
    // sweeps), and a supervisor would kill it after its own grace period anyway.
    setTimeout(() => {
      log.error({ signal, afterMs: STOP_TIMEOUT_MS }, `${role} did not stop in time; exiting`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    running
      .stop()
      .then(() => services.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, `${role} did not stop cleanly`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
