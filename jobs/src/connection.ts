import type { ConnectionOptions } from 'bullmq';
import type { Config } from '../../server/src/config.js';

/** BullMQ keys live under the deployment's Redis prefix, beside its pub/sub channels. */
export function queuePrefix(config: Config): string {
  return `${config.redis.prefix}:bull`;
}

/**
 * Workers block on Redis and must retry forever (`maxRetriesPerRequest: null`); producers must
 * fail fast instead of queueing commands while Redis is away (`enableOfflineQueue: false`).
 */
export function workerConnection(config: Config): ConnectionOptions {
  return { url: config.redis.url, maxRetriesPerRequest: null };
}

export function producerConnection(config: Config): ConnectionOptions {
  return { url: config.redis.url, enableOfflineQueue: false, maxRetriesPerRequest: 3 };
}
