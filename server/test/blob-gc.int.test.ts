import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncFileEntry } from '../../executor/src/protocol.js';
import { createLogger } from '../src/logger.js';
import { SessionRepository } from '../src/modules/sessions/session.repository.js';
import { BlobsCollectedError } from '../src/modules/snapshots/snapshot.errors.js';
import { SnapshotRetentionService } from '../src/modules/snapshots/snapshot-retention.service.js';
import { SnapshotRepository } from '../src/modules/snapshots/snapshot.repository.js';
import { buildServices, type Services } from '../src/services.js';
import { BlobStore, blobKey, checksumHeader } from '../src/storage/blob-store.js';
import { S3Process } from './support/s3-process.js';
import { testConfig } from './support/test-stack.js';

const DAY_MS = 24 * 3600_000;

function content(text: string): { sha256: string; body: Buffer } {
  const body = Buffer.from(text);
  return { sha256: createHash('sha256').update(body).digest('hex'), body };
}

const fileOf = (path: string, blob: { sha256: string; body: Buffer }): SyncFileEntry => ({
  path,
  sha256: blob.sha256,
  size: blob.body.length,
  mode: 0o644,
  mtimeMs: 0,
});

// Real Postgres and an S3 server of this file's own: collection deletes objects, so it must not
// share a bucket with other test files (in production, a bucket belongs to one deployment).
describe('blob garbage collection and snapshot retention (real Postgres and S3 server)', () => {
  const s3 = new S3Process();
  let services: Services;
  let snapshots: SnapshotRepository;
  let sessions: SessionRepository;
  let drop: () => Promise<void>;

  const sql = <T>(query: string, params: unknown[] = []) =>
    services.orm.em.fork().getConnection().execute<T[]>(query, params);

  async function newSession(): Promise<string> {
    const [user] = await sql<{ id: string }>('select id from "user" limit 1');
    const [app] = await sql<{ id: string }>('select id from app limit 1');
    return (await sessions.create({ ownerId: user!.id, appId: app!.id, title: 'gc' })).id;
  }

  /** A sync records the blob as uploaded, then a collection marks it (it is referenced by nothing). */
  async function recordThenMark(sessionId: string, blob: { sha256: string; body: Buffer }): Promise<void> {
    await snapshots.create({
      sessionId,
      runId: null,
      reason: 'MANUAL',
      files: [],
      uploaded: [{ sha256: blob.sha256, size: blob.body.length }],
    });
    await sql('update blob set gc_marked_at = now() where sha256 = ?', [blob.sha256]);
  }

  async function putObject(blob: { sha256: string; body: Buffer }): Promise<void> {
    await services.storage.client.send(
      new PutObjectCommand({ Bucket: services.storage.bucket, Key: blobKey(blob.sha256), Body: blob.body }),
    );
  }

  async function inStorage(sha256: string): Promise<boolean> {
    try {
      await services.storage.client.send(
        new HeadObjectCommand({ Bucket: services.storage.bucket, Key: blobKey(sha256) }),
      );
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  }

  async function rows(): Promise<Map<string, { lastReferencedAt: Date; marked: boolean }>> {
    const found = await sql<{ sha256: string; last_referenced_at: Date; gc_marked_at: Date | null }>(
      'select sha256, last_referenced_at, gc_marked_at from blob',
    );
    return new Map(
      found.map((row) => [
        row.sha256,
        { lastReferencedAt: new Date(row.last_referenced_at), marked: row.gc_marked_at !== null },
      ]),
    );
  }

  /** Makes blobs look untouched for `days`, as if time had passed. */
  async function age(shas: string[], days: number): Promise<void> {
    for (const sha of shas)
      await sql(`update blob set last_referenced_at = now() - ? * interval '1 day' where sha256 = ?`, [
        days,
        sha,
      ]);
  }

  beforeAll(async () => {
    await s3.start();
    const test = await testConfig();
    drop = test.drop;
    const config = {
      ...test.config,
      s3: { ...test.config.s3, endpoint: s3.endpoint, publicEndpoint: undefined },
    };
    services = await buildServices(config, createLogger(config.logLevel, 'blob-gc-test'));
    snapshots = new SnapshotRepository(services.orm);
    sessions = new SessionRepository(services.orm);
  }, 60_000);

  afterAll(async () => {
    await services?.close();
    await drop?.();
    await s3.dispose();
  });

  it('deletes an old unreferenced blob from storage and the table, and keeps a referenced and a young one', async () => {
    const sessionId = await newSession();
    const [orphan, kept, young] = [
      content('nobody needs me'),
      content('in a snapshot'),
      content('just uploaded'),
    ];
    for (const blob of [orphan, kept, young]) await putObject(blob);
    // One sync uploaded all three; its snapshot names only `kept` (the others: files gone since).
    await snapshots.create({
      sessionId,
      runId: null,
      reason: 'MANUAL',
      files: [fileOf('/workspace/kept.txt', kept)],
      uploaded: [orphan, kept, young].map((blob) => ({ sha256: blob.sha256, size: blob.body.length })),
    });
    await age([orphan.sha256, kept.sha256], 2);

    const result = await services.blobGc.collect();
    expect(result).toMatchObject({ marked: 1, refreshed: 1, deleted: 1 });

    expect(await inStorage(orphan.sha256)).toBe(false);
    expect(await inStorage(kept.sha256)).toBe(true);
    expect(await inStorage(young.sha256)).toBe(true);
    const left = await rows();
    expect(left.has(orphan.sha256)).toBe(false);
    expect([...left.keys()]).toEqual(expect.arrayContaining([kept.sha256, young.sha256]));
    // The referenced blob counts as touched: the next pass does not read it again.
    expect(left.get(kept.sha256)!.lastReferencedAt.getTime()).toBeGreaterThan(Date.now() - DAY_MS);
    expect(await services.blobGc.collect()).toMatchObject({ examined: 0, deleted: 0 });
  });

  it('never lets a sync rely on a blob that collection marked: it is uploaded again, or the snapshot refused', async () => {
    const sessionId = await newSession();
    const marked = content('marked while a sync ran');
    await putObject(marked);
    await recordThenMark(sessionId, marked);

    // A sync that finds it only marked treats it as missing (and drops the row, so it is recorded anew).
    expect(await snapshots.missingBlobs([marked.sha256])).toEqual(new Set([marked.sha256]));
    expect((await rows()).has(marked.sha256)).toBe(false);

    // A sync that looked before the mark and skipped the upload gets no snapshot out of it.
    await recordThenMark(sessionId, marked);
    const before = await snapshots.latestOfSession(sessionId);
    await expect(
      snapshots.create({
        sessionId,
        runId: null,
        reason: 'AFTER_RUN',
        files: [fileOf('/workspace/a.txt', marked)],
        uploaded: [],
      }),
    ).rejects.toBeInstanceOf(BlobsCollectedError);
    expect((await snapshots.latestOfSession(sessionId))?.id).toBe(before?.id);
  });

  it('adopts an object left by a failed sync once it is older than the grace period, and collects it later', async () => {
    const stray = content('uploaded by a sync that died before its snapshot');
    await putObject(stray);
    const grace = services.config.storageGc.blobGraceSeconds * 1000;

    // Young: it may belong to a sync that is still running.
    expect((await services.blobGc.collect()).adopted).toBe(0);
    expect((await rows()).has(stray.sha256)).toBe(false);

    const later = new Date(Date.now() + grace + 60_000);
    expect((await services.blobGc.collect(later)).adopted).toBe(1);
    expect(await inStorage(stray.sha256)).toBe(true);

    const muchLater = new Date(later.getTime() + grace + 60_000);
    expect(await services.blobGc.collect(muchLater)).toMatchObject({ marked: 1, deleted: 1 });
    expect(await inStorage(stray.sha256)).toBe(false);
    expect((await rows()).has(stray.sha256)).toBe(false);
  });

  it('retention keeps the latest, the newest N and the young snapshots; the blobs of deleted ones are collected', async () => {
    const sessionId = await newSession();
    const ages = [90, 80, 70, 60, 50, 5]; // days; the last one is the latest
    const blobs = ages.map((days) => content(`state ${days} days ago`));
    const ids: string[] = [];
    for (const [i, blob] of blobs.entries()) {
      await putObject(blob);
      const snapshot = await snapshots.create({
        sessionId,
        runId: null,
        reason: i === 1 ? 'SAFETY' : 'AFTER_RUN',
        files: [fileOf('/workspace/state.txt', blob)],
        uploaded: [{ sha256: blob.sha256, size: blob.body.length }],
      });
      await sql(`update snapshot set created_at = now() - ? * interval '1 day' where id = ?`, [
        ages[i],
        snapshot.id,
      ]);
      ids.push(snapshot.id);
    }
    // A session that is waiting to restore one of its old snapshots keeps that one too.
    await sessions.setPendingRestore(sessionId, ids[0]!);

    const retention = new SnapshotRetentionService({
      snapshots,
      sessions,
      policy: { keepLast: 2, keepDays: 55 },
      log: services.log,
    });
    expect(await retention.apply()).toEqual({ sessions: 1, deleted: 3 });
    const left = await sql<{ id: string }>('select id from snapshot where session_id = ?', [sessionId]);
    // Kept: the newest two (5 d, 50 d, both also younger than 55 d) and the pending restore (90 d).
    expect(left.map((row) => row.id).sort()).toEqual([ids[0]!, ids[4]!, ids[5]!].sort());
    // Only sessions over the limit are looked at, and a second pass finds nothing more to do.
    expect(await retention.apply()).toEqual({ sessions: 0, deleted: 0 });

    await age(
      blobs.map((blob) => blob.sha256),
      3,
    );
    const collected = await services.blobGc.collect();
    expect(collected.deleted).toBe(3);
    for (const [i, blob] of blobs.entries()) expect(await inStorage(blob.sha256)).toBe([0, 4, 5].includes(i));
  });

  it('storage refuses an upload whose body does not match the SHA-256 its presigned URL names', async () => {
    const good = content('the real content');
    const store = new BlobStore(services.config.s3, s3.endpoint, 60);
    const url = await store.presignPut(good.sha256);
    store.close();

    const forged = await fetch(url, {
      method: 'PUT',
      body: 'other bytes under the same key',
      headers: { 'x-amz-checksum-sha256': checksumHeader(good.sha256) },
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('BadDigest');
    expect(await inStorage(good.sha256)).toBe(false);

    const honest = await fetch(url, {
      method: 'PUT',
      body: new Uint8Array(good.body),
      headers: { 'x-amz-checksum-sha256': checksumHeader(good.sha256) },
    });
    expect(honest.status).toBe(200);
    expect(await inStorage(good.sha256)).toBe(true);
  });
});
