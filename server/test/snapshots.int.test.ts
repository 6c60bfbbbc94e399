import { decodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../src/errors.js';
import { execInContainer } from './support/container-exec.js';
import {
  RESTORE_SNAPSHOT,
  STOP_SESSION,
  SYNC_SESSION,
  runScript,
  sessionView,
} from './support/session-helpers.js';
import { stackWithStorage } from './support/stack-with-storage.js';

const dbId = (globalId: string) => decodeGlobalID(globalId).id;

describe('workspace snapshots (real Docker, S3 server, worker in its own process)', () => {
  const { stack, s3 } = stackWithStorage();

  it('snapshots after every run, lists them newest first, and restores one after a safety snapshot', async () => {
    const sessionId = await stack.createSession('restore');
    await runScript(stack, sessionId, [{ write: { path: 'notes/a.txt', content: 'first version' } }]);
    const afterFirst = await sessionView(stack, sessionId);
    expect(afterFirst.lastSyncError).toBeNull();
    expect(afterFirst.snapshots.edges).toHaveLength(1);
    const first = afterFirst.snapshots.edges[0]!.node;
    expect(first).toMatchObject({ reason: 'AFTER_RUN', fileCount: 1, totalBytes: 'first version'.length });
    expect(first.run).not.toBeNull();

    await runScript(stack, sessionId, [
      { write: { path: 'notes/a.txt', content: 'second version' } },
      { write: { path: 'notes/b.txt', content: 'only later' } },
    ]);
    const afterSecond = await sessionView(stack, sessionId);
    expect(afterSecond.snapshots.edges.map((edge) => edge.node.reason)).toEqual(['AFTER_RUN', 'AFTER_RUN']);
    expect(afterSecond.snapshots.edges[1]!.node.id).toBe(first.id);

    const restored = await stack.query(RESTORE_SNAPSHOT, { input: { snapshotId: first.id } });
    expect(restored.data!.restoreSnapshot).toMatchObject({
      __typename: 'RestoreSnapshotPayload',
      snapshot: { id: first.id },
      safetySnapshot: { reason: 'SAFETY' },
      session: { status: 'RUNNING' },
    });
    expect(await runScript(stack, sessionId, [{ read: 'notes/a.txt' }, { read: 'notes/b.txt' }])).toBe(
      'first versionmissing: notes/b.txt',
    );

    // The safety snapshot undoes the restore.
    const safety = restored.data!.restoreSnapshot.safetySnapshot.id as string;
    await stack.query(RESTORE_SNAPSHOT, { input: { snapshotId: safety } });
    expect(await runScript(stack, sessionId, [{ read: 'notes/a.txt' }, { read: 'notes/b.txt' }])).toBe(
      'second versiononly later',
    );
  });

  it('uploads exactly one blob when one file of a 10,000-file workspace changed', async () => {
    const sessionId = await stack.createSession('many files');
    await runScript(stack, sessionId, [{ write: { path: 'seed.txt', content: 'seed' } }]);
    const id = dbId(sessionId);
    const container = `${stack.config.redis.prefix}-session-${id}`;
    const docker = stack.api.services.docker;
    await execInContainer(docker, container, [
      'node',
      '-e',
      "const fs=require('fs');for(let d=0;d<10;d++){fs.mkdirSync('/workspace/many/d'+d,{recursive:true});for(let i=0;i<1000;i++)fs.writeFileSync('/workspace/many/d'+d+'/f'+i+'.txt','file '+d+'/'+i+'\\n')}",
    ]);
    const full = await stack.api.services.snapshots.sync(id, 'MANUAL');
    expect(full.snapshot.fileCount).toBe(10_001);
    expect(full.uploadedBlobs).toBe(10_000);

    await execInContainer(docker, container, [
      'node',
      '-e',
      "require('fs').writeFileSync('/workspace/many/d3/f77.txt','changed')",
    ]);
    const incremental = await stack.api.services.snapshots.sync(id, 'MANUAL');
    expect(incremental.snapshot.fileCount).toBe(10_001);
    expect(incremental.hashed).toBe(1);
    expect(incremental.uploadedBlobs).toBe(1);
    expect(incremental.uploadedBytes).toBe('changed'.length);

    const unchanged = await stack.api.services.snapshots.sync(id, 'MANUAL');
    expect(unchanged).toMatchObject({ hashed: 0, uploadedBlobs: 0 });
  }, 180_000);

  it('recreates a container deleted behind its back with the workspace restored byte for byte', async () => {
    const sessionId = await stack.createSession('lost container');
    const content = 'línea 1\n\ttabs, "quotes", emoji 🚀, and a trailing newline\n';
    await runScript(stack, sessionId, [
      { write: { path: 'src/deep/file.txt', content } },
      { write: { path: 'README.md', content: '# kept\n' } },
    ]);
    // Container and volumes gone, as if someone ran `docker rm -f -v` and `docker volume rm`.
    await stack.api.services.runtime.remove(dbId(sessionId));
    expect((await stack.api.services.runtime.status(dbId(sessionId))).state).toBe('absent');

    const text = await runScript(stack, sessionId, [{ read: 'src/deep/file.txt' }, { read: 'README.md' }]);
    expect(text).toBe(`${content}# kept\n`);
  });

  it('hands out URLs only for the session’s own snapshots', async () => {
    const mine = await stack.createSession('mine');
    const other = await stack.createSession('other');
    await runScript(stack, other, [{ write: { path: 'secret.txt', content: 'not yours' } }]);
    await runScript(stack, mine, [{ write: { path: 'x.txt', content: 'x' } }]);
    const otherSnapshot = (await sessionView(stack, other)).snapshots.edges[0]!.node.id;
    await expect(
      stack.api.services.snapshots.restore(dbId(mine), dbId(otherSnapshot), 'replace'),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await runScript(stack, mine, [{ read: 'secret.txt' }])).toBe('missing: secret.txt');
  });

  it('with storage down, a sync fails visibly, stop is refused, and all works again once it is back', async () => {
    const sessionId = await stack.createSession('storage outage');
    await runScript(stack, sessionId, [{ write: { path: 'before.txt', content: 'before' } }]);
    await s3.stop();
    try {
      // The after-run sync fails: counted on the session, the run itself still succeeds.
      await runScript(stack, sessionId, [
        { write: { path: 'during.txt', content: 'written while storage was down' } },
      ]);
      const failed = await stack.query(SYNC_SESSION, { input: { sessionId } });
      expect(failed.data!.syncSession.__typename).toBe('SyncFailedError');
      const stop = await stack.query(STOP_SESSION, { input: { sessionId } });
      expect(stop.data!.stopSession.__typename).toBe('SyncFailedError');
      const view = await sessionView(stack, sessionId);
      expect(view.status).toBe('RUNNING');
      expect(view.syncFailureCount).toBeGreaterThanOrEqual(3);
      expect(view.lastSyncError).toMatch(/storage|unreachable|502/i);
    } finally {
      await s3.start();
    }
    const synced = await stack.query(SYNC_SESSION, { input: { sessionId } });
    expect(synced.data!.syncSession).toMatchObject({
      __typename: 'SyncSessionPayload',
      snapshot: { reason: 'MANUAL', fileCount: 2 },
      session: { lastSyncError: null, syncFailureCount: 0 },
    });
    const stop = await stack.query(STOP_SESSION, { input: { sessionId } });
    expect(stop.data!.stopSession).toMatchObject({ session: { status: 'STOPPED' } });
  });
});
