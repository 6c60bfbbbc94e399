import { DriverException } from '@mikro-orm/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../../scripts/lib/ports.mjs';
import { createLogger } from '../logger.js';
import { isDatabaseUnavailable, outlastDatabaseOutages } from './database-outage.js';

/** What node-postgres throws when nothing listens where the database should be. */
async function refusedConnection(): Promise<Error> {
  const client = new pg.Client({ host: '127.0.0.1', port: await findFreePort() });
  return client.connect().then(
    () => {
      throw new Error('a connection to a closed port succeeded');
    },
    (error: Error) => error,
  );
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection, as the driver throws it and as MikroORM wraps it', async () => {
    const refused = await refusedConnection();
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new DriverException(refused))).toBe(true);
  });

  it('recognises a server shutting down, crashing or starting, and a connection lost without a code', () => {
    expect(
      isDatabaseUnavailable(withCode('terminating connection due to administrator command', '57P01')),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(withCode('terminating connection due to unexpected postmaster exit', '57P02')),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('looks through the causes a service wraps around the driver error', async () => {
    const wrapped = new Error('the session could not be started', {
      cause: new Error('restore failed', { cause: await refusedConnection() }),
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it('leaves statement errors and everything else alone', () => {
    expect(isDatabaseUnavailable(withCode('syntax error at or near "SELEC"', '42601'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error('the executor could not be reached'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});

describe('outlastDatabaseOutages', () => {
  const log = createLogger('silent', 'test');

  it('waits until the database answers, then runs the action again until it completes', async () => {
    const outcomes: Array<Error | 'done'> = [
      await refusedConnection(),
      withCode('shutting down', '57P01'),
      'done',
    ];
    let runs = 0;
    let pings = 0;
    const result = await outlastDatabaseOutages(
      async () => {
        const outcome = outcomes[runs++]!;
        if (outcome !== 'done') throw outcome;
        return 'completed';
      },
      async () => {
        // Still away on the first ping of each outage.
        if (pings++ % 2 === 0) throw await refusedConnection();
      },
      log,
      {},
    );
    expect(result).toBe('completed');
    expect(runs).toBe(3);
    expect(pings).toBe(4);
  });

  it('throws any other error at once, without waiting', async () => {
    let pings = 0;
    const failure = withCode('syntax error', '42601');
    await expect(
      outlastDatabaseOutages(
        () => Promise.reject(failure),
        async () => void pings++,
        log,
        {},
      ),
    ).rejects.toBe(failure);
    expect(pings).toBe(0);
  });

  it('gives the outage up when its signal aborts: a stopping worker hands the job over instead', async () => {
    const outage = await refusedConnection();
    const stopping = new AbortController();
    let pings = 0;
    const waiting = outlastDatabaseOutages(
      () => Promise.reject(outage),
      async () => {
        pings++;
        stopping.abort();
        throw outage;
      },
      log,
      {},
      stopping.signal,
    );
    await expect(waiting).rejects.toBe(outage);
    expect(pings).toBe(1);
  });
});
