import type { ConnectionOptions, Queue } from 'bullmq';
import type { Config } from '../../server/src/config.js';
import type { Logger } from '../../server/src/logger.js';

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

/**
 * Sends a queue's connection errors (Redis away, restarting) to the structured log. Without a
 * listener BullMQ writes them raw to stderr, between the JSON lines; the connection retries by
 * itself either way.
 */
export function logQueueErrors<Q extends Queue>(queue: Q, log: Logger): Q {
  queue.on('error', (error) => log.warn({ queue: queue.name, err: error }, 'queue connection error'));
  return queue;
}
