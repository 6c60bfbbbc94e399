import { defineConfig } from 'vitest/config';

// Two sizes of test: pure logic beside the code, and integration tests against the real
// Postgres, Redis, S3 server and Docker engine that `npm test` provisions.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{server,schema,jobs,executor,scripts}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{server,schema,jobs,executor}/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database and Redis prefix, but containers and CPU are shared
          // on a 2-core machine: two files at a time keeps timings honest.
          maxWorkers: 2,
          pool: 'forks',
        },
      },
    ],
  },
});
