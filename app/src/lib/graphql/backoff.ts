/** The longest wait between two tries: a long outage is retried twice a minute. */
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * How long to wait before try number `retries + 1`: exponential from half a second, capped, with
 * jitter, so that the tabs of a team do not all come back at the same moment.
 */
export function retryDelayMs(retries: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** retries);
  return ceiling / 2 + random() * (ceiling / 2);
}
