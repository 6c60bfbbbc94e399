import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exitReason, redisPing, waitUntil } from './probes.mjs';
import { which } from './run-command.mjs';

export const redisPackage = {
  name: 'Redis (redis-server)',
  aptPackage: 'redis-server',
  isPresent: () => which('redis-server') !== null,
  hint: 'or set REDIS_URL to an existing server',
};

export async function startRedis({ dataDir, port, durable, supervisor, logFile, env }) {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const settings = {
    port: String(port),
    bind: '127.0.0.1',
    dir,
    // BullMQ loses jobs if Redis may evict keys.
    'maxmemory-policy': 'noeviction',
    'protected-mode': 'yes',
    // A durable instance keeps queues across restarts; one for tests needs no disk at all.
    appendonly: durable ? 'yes' : 'no',
    save: '',
  };
  const args = Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]);
  const handle = supervisor.start('redis', which('redis-server'), args, {
    env,
    logFile,
    marker: 'redis-server',
  });
  await waitUntil(() => redisPing(port), {
    what: 'Redis',
    timeoutMs: 60_000,
    failedBecause: exitReason(handle),
  });
  return { url: `redis://127.0.0.1:${port}`, handle };
}
