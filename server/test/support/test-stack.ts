import { randomBytes } from 'node:crypto';
import { schema } from '../../../schema/src/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApiServer } from '../../src/http/api-server.js';
import { createLogger } from '../../src/logger.js';
import { buildServices, type Services } from '../../src/services.js';
import { createTestDatabase } from './test-database.js';

export interface TestApi {
  url: string;
  wsUrl: string;
  services: Services;
  stop(): Promise<void>;
}

/**
 * The environment `npm test` provisioned (real Postgres, Redis, S3 and Docker), narrowed to this
 * test file: its own database clone and its own Redis prefix.
 */
export async function testConfig(): Promise<{ config: Config; drop: () => Promise<void> }> {
  const base = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const database = await createTestDatabase(base.databaseUrl);
  // Nested in the run's namespace, so the test command removes what a file leaves behind.
  const prefix = `${base.redis.prefix}-${randomBytes(4).toString('hex')}`;
  return {
    config: { ...base, databaseUrl: database.url, redis: { ...base.redis, prefix } },
    drop: database.drop,
  };
}

/** A real API server on a free port over the given config; several may share one config. */
export async function startTestApi(config: Config): Promise<TestApi> {
  const services = await buildServices(config, createLogger(config.logLevel, 'api-test'));
  const api = buildApiServer(services, schema);
  const port = await api.start();
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    services,
    async stop() {
      await api.stop();
      await services.close();
    },
  };
}
