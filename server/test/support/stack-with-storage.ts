import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config.js';
import { RunStack } from './run-stack.js';
import { S3Process } from './s3-process.js';

/**
 * A test file's platform (API here, worker in its own process) on an S3 server of the file's own,
 * which a test may take away and bring back; started before the file's tests, stopped after.
 */
export function stackWithStorage(
  options: { configure?: (config: Config) => Config; workerEnv?: Record<string, string> } = {},
): { stack: RunStack; s3: S3Process } {
  const stack = new RunStack();
  const s3 = new S3Process();
  const configure = options.configure ?? ((config: Config) => config);

  beforeAll(async () => {
    await s3.start();
    await stack.start(
      (config) =>
        configure({ ...config, s3: { ...config.s3, endpoint: s3.endpoint, publicEndpoint: undefined } }),
      options.workerEnv,
    );
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
    await s3.dispose();
  }, 60_000);

  return { stack, s3 };
}
