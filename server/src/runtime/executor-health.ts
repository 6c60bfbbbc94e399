import { setTimeout as sleep } from 'node:timers/promises';

export type HealthProbe = { ok: true } | { ok: false; reason: string };

/** One `GET /health` with the token; never throws. */
export async function probeExecutorHealth(
  url: string,
  token: string,
  timeoutMs = 2_000,
): Promise<HealthProbe> {
  try {
    const response = await fetch(`${url}/health`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, reason: `GET /health answered HTTP ${response.status}` };
    }
    const body = (await response.json()) as { ok?: unknown };
    return body.ok === true ? { ok: true } : { ok: false, reason: 'GET /health did not answer ok: true' };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, reason: `GET /health failed: ${cause ?? (error as Error).message}` };
  }
}

/** Short first waits (an executor starts in a fraction of a second), then at most `max` apart. */
export function nextBackoff(previousMs: number, maxMs = 500): number {
  return Math.min(maxMs, Math.max(20, previousMs * 2));
}

export interface WaitForHealthOptions {
  url: string;
  token: string;
  timeoutMs: number;
  /** Called between probes: a reason when the executor can no longer come up (exited), else null. */
  gone?: () => Promise<string | null>;
}

export type HealthWait = { ok: true; probes: number } | { ok: false; reason: string };

/** Polls health until it answers, the executor is gone, or the deadline passes. */
export async function waitForExecutorHealth(options: WaitForHealthOptions): Promise<HealthWait> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = 0;
  for (let probes = 1; ; probes++) {
    const left = deadline - Date.now();
    const probe = await probeExecutorHealth(options.url, options.token, Math.max(100, Math.min(2_000, left)));
    if (probe.ok) return { ok: true, probes };
    const last = probe.reason;
    const gone = options.gone ? await options.gone() : null;
    if (gone) return { ok: false, reason: `${gone} (last probe: ${last})` };
    delay = nextBackoff(delay);
    if (Date.now() + delay >= deadline) {
      return { ok: false, reason: `no healthy answer within ${options.timeoutMs} ms (last probe: ${last})` };
    }
    await sleep(delay);
  }
}
