import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

/** Socket errors of a server that is down, restarting or out of reach. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that cannot serve now but will: shutting down (57P01 admin, 57P02 crash),
 * starting or recovering (57P03), out of connection slots (53300).
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres says, without a code, of a connection that died or never came. */
const CONNECTION_LOST = /^Connection terminated|timeout exceeded when trying to connect|is not queryable/;

/**
 * Whether an error means the database is unreachable for now, rather than that the statement was
 * wrong: worth waiting out, since the same work succeeds once it answers again. Looks through
 * `cause` chains, since services wrap what the driver threw.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      // SQLSTATE class 08 is "connection exception".
      if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
    }
    if (CONNECTION_LOST.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

/**
 * Runs `action` to completion across database outages: when it fails because the database is
 * unreachable, waits until `ping` succeeds and runs it again. `action` must be safe to repeat
 * (the run job is: it reattaches to the executor after the last event it committed). Any other
 * error is thrown as it came, and so is the outage's once `signal` (a stopping worker) aborts.
 */
export async function outlastDatabaseOutages<T>(
  action: () => Promise<T>,
  ping: () => Promise<unknown>,
  log: Logger,
  context: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || signal?.aborted) throw error;
      const since = Date.now();
      log.warn({ ...context, err: error }, 'the database is unreachable; waiting for it to answer again');
      if (!(await untilAnswers(ping, signal))) throw error;
      log.info({ ...context, waitedMs: Date.now() - since }, 'the database answers again; resuming');
    }
  }
}

/** True once `ping` succeeds; false if `signal` aborts first. */
async function untilAnswers(ping: () => Promise<unknown>, signal?: AbortSignal): Promise<boolean> {
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      return false;
    }
    try {
      await ping();
      return true;
    } catch {
      // Still away; the next try comes later.
    }
  }
}
