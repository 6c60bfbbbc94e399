export function waitUntil(
  check: () => Promise<unknown>,
  options: { what: string; timeoutMs: number; intervalMs?: number; failedBecause?: () => string | null },
): Promise<void>;
export function httpStatus(
  url: string,
  options?: { socketPath?: string; timeoutMs?: number },
): Promise<number>;
export function redisPing(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
