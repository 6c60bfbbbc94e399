import { pingDatabase } from './db/orm.js';
import type { Services } from './services.js';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string; ms: number }>;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Whether every backing service answers (Postgres, Redis, S3, Docker), each within a short timeout. */
export async function readiness(services: Services): Promise<ReadinessReport> {
  const probes: Record<string, () => Promise<unknown>> = {
    postgres: () => pingDatabase(services.orm),
    redis: () => services.pubsub.ping(),
    s3: () => services.storage.ping(),
    // The process runtime needs no Docker engine; checking one would make a working install unready.
    ...(services.runtime.kind === 'docker' ? { docker: () => services.docker.ping() } : {}),
  };
  type Check = ReadinessReport['checks'][string];
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<[string, Check]> => {
      const started = performance.now();
      try {
        await withTimeout(probe(), CHECK_TIMEOUT_MS);
        return [name, { ok: true, ms: Math.round(performance.now() - started) }];
      } catch (error) {
        const message = error instanceof Error ? error.message || error.name : String(error);
        return [name, { ok: false, error: message, ms: Math.round(performance.now() - started) }];
      }
    }),
  );
  const checks: ReadinessReport['checks'] = Object.fromEntries(entries);
  return { ready: entries.every(([, check]) => check.ok), checks };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
