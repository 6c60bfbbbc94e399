import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node loads graphql's CommonJS build for yoga and Pothos; Vite would pick the ESM build for our
// sources. Two copies break `instanceof GraphQLError`, so tests resolve it the way Node does.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// Two sizes of test: pure logic beside the code, and integration tests against the real
// Postgres, Redis, S3 server and Docker engine that `npm test` provisions.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['{server,schema,jobs,executor,scripts,bench}/**/*.test.ts', 'app/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
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
