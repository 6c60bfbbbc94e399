import { decodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { runScript, sessionView, untilSession } from './support/session-helpers.js';
import { stackWithStorage } from './support/stack-with-storage.js';

const dbId = (globalId: string) => decodeGlobalID(globalId).id;

// Sweeps every second; idle after 3 s, removed 3 s after the stop: the whole lifecycle in seconds.
describe('session lifecycle sweeps (idle stop, remove, sync latch) against real Docker and S3', () => {
  const { stack, s3 } = stackWithStorage({
    configure: (config) => ({
      ...config,
      sessions: { ...config.sessions, idleStopAfterSeconds: 3, removeAfterSeconds: 3, sweepEverySeconds: 1 },
    }),
  });

  it('syncs and stops an idle session, removes it later, and brings every file back on the next message', async () => {
    const sessionId = await stack.createSession('idle');
    await runScript(stack, sessionId, [
      { write: { path: 'work/result.txt', content: 'kept across removal\n' } },
      { write: { path: 'work/other.txt', content: 'and this' } },
    ]);

    const seen = await untilSession(stack, sessionId, (session) => session.status === 'REMOVED');
    const statuses = seen.map((session) => session.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(expect.arrayContaining(['IDLE_STOPPING', 'STOPPED', 'REMOVING', 'REMOVED']));
    expect(statuses.indexOf('STOPPED')).toBeLessThan(statuses.indexOf('REMOVED'));
    const removed = seen.at(-1)!;
    expect(removed.snapshots.edges[0]!.node.reason).toBe('BEFORE_STOP');
    expect(removed.lastSyncError).toBeNull();
    expect((await stack.api.services.runtime.status(dbId(sessionId))).state).toBe('absent');

    const text = await runScript(stack, sessionId, [{ read: 'work/result.txt' }, { read: 'work/other.txt' }]);
    expect(text).toBe('kept across removal\nand this');
    expect((await sessionView(stack, sessionId)).status).toBe('RUNNING');
  });

  it('with storage down never stops or removes, counts the failures, and finishes once storage is back', async () => {
    const sessionId = await stack.createSession('outage');
    await s3.stop();
    let seen;
    try {
      await runScript(stack, sessionId, [
        { write: { path: 'precious.txt', content: 'must survive the outage' } },
      ]);
      // The after-run sync failed (1); the idle sweep then tries again and fails again.
      seen = await untilSession(stack, sessionId, (session) => session.syncFailureCount >= 3);
    } finally {
      await s3.start();
    }
    expect(seen.map((session) => session.status)).not.toContain('STOPPED');
    expect(seen.at(-1)!.lastSyncError).toMatch(/storage|unreachable|502/i);
    expect((await stack.api.services.runtime.status(dbId(sessionId))).state).toBe('running');

    const after = await untilSession(stack, sessionId, (session) => session.status === 'REMOVED');
    expect(after.at(-1)!).toMatchObject({ lastSyncError: null, syncFailureCount: 0 });
    expect(await runScript(stack, sessionId, [{ read: 'precious.txt' }])).toBe('must survive the outage');
  });

  it('removes a stopped session whose last sync is stale only after syncing it first', async () => {
    const sessionId = await stack.createSession('stale stop');
    await runScript(stack, sessionId, [{ write: { path: 'a.txt', content: 'synced' } }]);
    const id = dbId(sessionId);
    // A session stopped without a sync (as an older release did), with a change since its last snapshot.
    await s3.stop();
    try {
      const connection = stack.api.services.orm.em.fork().getConnection();
      await runScript(stack, sessionId, [
        { write: { path: 'b.txt', content: 'written after the last good sync' } },
      ]);
      await stack.api.services.runtime.stop(id);
      await connection.execute(
        `update "session" set "status" = 'STOPPED', "stopped_at" = now() - interval '1 hour', "last_active_at" = now() where "id" = ?`,
        [id],
      );
      await stack.api.services.sessions.notifyChanged(id);
      const seen = await untilSession(stack, sessionId, (session) => session.syncFailureCount >= 3);
      expect(seen.map((session) => session.status)).not.toContain('REMOVED');
      expect(seen.at(-1)!.status).toMatch(/STOPPED|REMOVING/);
    } finally {
      await s3.start();
    }
    const done = await untilSession(stack, sessionId, (session) => session.status === 'REMOVED');
    expect(done.at(-1)!.snapshots.edges[0]!.node.reason).toBe('BEFORE_REMOVE');
    expect(await runScript(stack, sessionId, [{ read: 'a.txt' }, { read: 'b.txt' }])).toBe(
      'syncedwritten after the last good sync',
    );
  });
});
