import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import type { ExecutorConfig } from './config.js';
import { createExecutorServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { createProviderRegistry } from './providers/provider-registry.js';
import type { ProviderRegistry } from './providers/provider.js';
import { RunRegistry } from './runs/run-registry.js';
import { WorkspaceSync } from './sync/workspace-sync.js';
import { RuntimeLayers } from './workspace/runtime-layers.js';

export interface Executor {
  /** Listens on the configured host and port (0: any free port); resolves with the bound address. */
  start(): Promise<{ host: string; port: number }>;
  /** Stops the agents (leaving their runs unfinished), then closes every connection. */
  stop(): Promise<void>;
  readonly runs: RunRegistry;
}

export interface ExecutorOverrides {
  logger?: Logger;
  providers?: ProviderRegistry;
}

/** The composition root: builds the services once and hands them to the HTTP layer. */
export function createExecutor(config: ExecutorConfig, overrides: ExecutorOverrides = {}): Executor {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const providers = overrides.providers ?? createProviderRegistry(config.agentClis ?? undefined);
  const runs = new RunRegistry({
    providers,
    workspaceDir: config.workspaceDir,
    agentDataDir: config.agentDataDir,
    logger,
  });
  const sync = new WorkspaceSync({ workspace: config.workspaceDir, agentData: config.agentDataDir });
  const runtime = new RuntimeLayers(config.workspaceDir);
  const server = createExecutorServer({ token: config.token, runs, providers, logger, sync, runtime });

  return {
    runs,
    async start() {
      await mkdir(config.workspaceDir, { recursive: true });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      logger.info('executor listening', { host: address.address, port: address.port });
      return { host: address.address, port: address.port };
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await runs.shutdown();
      // Open event streams end without `run.finished`: the worker reads that as "not finished".
      server.closeAllConnections();
      await closed;
      logger.info('executor stopped');
    },
  };
}
