import { pastPosition } from '../../db/keyset.js';
import type { Orm } from '../../db/orm.js';
import type { SyncFileEntry } from '../../../../executor/src/protocol.js';
import { BlobSchema } from './blob.entity.js';
import { BlobsCollectedError } from './snapshot.errors.js';
import { SnapshotSchema, type Snapshot, type SnapshotReason } from './snapshot.entity.js';

/** Keyset position in a session's snapshot list: newest first, id breaks ties. */
export interface SnapshotCursor {
  createdAt: Date;
  id: string;
}

const IN_CHUNK = 5_000;

/**
 * A workspace names thousands of blobs: they go to Postgres as one parameter, split there, since
 * an `IN` list of thousands of parameters, and entities for each row found, cost the API several
 * times what the lookups themselves do. The service lets only hex hashes through, so none holds
 * the comma.
 */
const SHA_IN_LIST = `sha256 = ANY(string_to_array(?, ','))`;
const shaList = (shas: readonly string[]) => shas.join(',');

export class SnapshotRepository {
  constructor(
    private readonly orm: Orm,
    private readonly options: {
      /** How old a blob's last reference must be before a sync writes a newer one (half the GC grace). */
      refreshAfterMs: number;
    } = { refreshAfterMs: 12 * 3600_000 },
  ) {}

  /** Without its manifest. */
  findById(id: string): Promise<Snapshot | null> {
    return this.orm.em.fork().findOne(SnapshotSchema, { id });
  }

  async manifestOf(id: string): Promise<SyncFileEntry[] | null> {
    const snapshot = await this.orm.em
      .fork()
      .findOne(SnapshotSchema, { id }, { populate: ['manifest'] as never });
    return snapshot ? snapshot.manifest : null;
  }

  latestOfSession(sessionId: string): Promise<Snapshot | null> {
    return this.orm.em
      .fork()
      .findOne(SnapshotSchema, { session: sessionId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  pageOfSession(sessionId: string, query: { after?: SnapshotCursor; limit: number }): Promise<Snapshot[]> {
    const where = query.after
      ? {
          session: sessionId,
          ...pastPosition('createdAt', { at: query.after.createdAt, id: query.after.id }),
        }
      : { session: sessionId };
    return this.orm.em
      .fork()
      .find(SnapshotSchema, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit });
  }

  /** Sessions with more than `count` snapshots, by id after `after`: the only ones retention can thin. */
  async sessionsWithMoreThan(count: number, limit: number, after: string | null): Promise<string[]> {
    const rows = await this.orm.em.fork().execute<{ session_id: string }[]>(
      `select "session_id" from "snapshot" ${after ? 'where "session_id" > ?' : ''}
         group by "session_id" having count(*) > ? order by "session_id" limit ?`,
      after ? [after, count, limit] : [count, limit],
    );
    return rows.map((row) => row.session_id);
  }

  /** A session's snapshots without their manifests, newest first. */
  listOfSession(sessionId: string): Promise<Pick<Snapshot, 'id' | 'createdAt' | 'reason'>[]> {
    return this.orm.em
      .fork()
      .find(
        SnapshotSchema,
        { session: sessionId },
        { fields: ['id', 'createdAt', 'reason'], orderBy: { createdAt: 'desc', id: 'desc' } },
      );
  }

  /** Deletes these snapshots of the session; their blobs are left to garbage collection. */
  async deleteOfSession(sessionId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.orm.em.fork().nativeDelete(SnapshotSchema, { session: sessionId, id: { $in: [...ids] } });
  }

  /**
   * Which of these blobs storage does not have yet (by our record of completed uploads). The ones
   * it has are touched, so garbage collection leaves them alone until the snapshot that relies on
   * them is recorded; blobs that collection has marked count as missing and lose their record, so
   * the sync uploads them again. The order of the three steps matters: see blob-gc.ts.
   */
  async missingBlobs(shas: readonly string[], now = new Date()): Promise<Set<string>> {
    const missing = new Set(shas);
    const em = this.orm.em.fork();
    for (let start = 0; start < shas.length; start += IN_CHUNK) {
      const chunk = shas.slice(start, start + IN_CHUNK);
      await this.refresh(em, chunk, now);
      // Waits for a collection holding these rows; afterwards they are gone, or ours to drop.
      await em.execute(`DELETE FROM blob WHERE ${SHA_IN_LIST} AND gc_marked_at IS NOT NULL`, [
        shaList(chunk),
      ]);
      const present = await em.execute<{ sha256: string }[]>(`SELECT sha256 FROM blob WHERE ${SHA_IN_LIST}`, [
        shaList(chunk),
      ]);
      for (const blob of present) missing.delete(blob.sha256);
    }
    return missing;
  }

  /** A restore is about to read these blobs: collection keeps them for another grace period. */
  async touchBlobs(shas: readonly string[], now = new Date()): Promise<void> {
    const em = this.orm.em.fork();
    const unique = [...new Set(shas)];
    for (let start = 0; start < unique.length; start += IN_CHUNK)
      await this.refresh(em, unique.slice(start, start + IN_CHUNK), now);
  }

  // Only rows not touched for a while are written, so a sync of an unchanged workspace costs no
  // writes; a row touched less than `refreshAfterMs` ago is still far from collection.
  private async refresh(em: ReturnType<Orm['em']['fork']>, chunk: string[], now: Date): Promise<void> {
    await em.execute(
      `UPDATE blob SET last_referenced_at = ?
       WHERE ${SHA_IN_LIST} AND gc_marked_at IS NULL AND last_referenced_at < ?`,
      [
        now.toISOString(),
        shaList(chunk),
        new Date(now.getTime() - this.options.refreshAfterMs).toISOString(),
      ],
    );
  }

  /** Records a snapshot and the blobs its sync uploaded, in one transaction. */
  async create(input: {
    sessionId: string;
    runId: string | null;
    reason: SnapshotReason;
    files: SyncFileEntry[];
    uploaded: { sha256: string; size: number }[];
    runtimeVersion?: string | null;
  }): Promise<Snapshot> {
    return this.orm.em.fork().transactional(async (em) => {
      for (let start = 0; start < input.uploaded.length; start += IN_CHUNK) {
        const chunk = input.uploaded.slice(start, start + IN_CHUNK);
        const at = new Date();
        await em.upsertMany(
          BlobSchema,
          chunk.map((blob) => ({ ...blob, createdAt: at, lastReferencedAt: at })),
          {
            onConflictFields: ['sha256'],
            onConflictAction: 'merge',
            onConflictMergeFields: ['lastReferencedAt'],
          },
        );
      }
      await this.assertBlobsKept(em, input.sessionId, input.files);
      const snapshot = em.create(SnapshotSchema, {
        session: input.sessionId,
        run: input.runId,
        reason: input.reason,
        runtimeVersion: input.runtimeVersion ?? null,
        fileCount: input.files.length,
        totalBytes: input.files.reduce((sum, file) => sum + file.size, 0),
        manifest: input.files,
      });
      await em.flush();
      return snapshot;
    });
  }

  // Garbage collection must never delete a blob this snapshot relies on. Inside the snapshot's
  // transaction every blob it names is touched (stale rows become locked by us, fresh ones are far
  // from collection), then checked: one that collection marked or deleted meanwhile fails the sync,
  // and the next sync uploads it again. See blob-gc.ts.
  private async assertBlobsKept(
    em: ReturnType<Orm['em']['fork']>,
    sessionId: string,
    files: readonly SyncFileEntry[],
  ): Promise<void> {
    const shas = [...new Set(files.map((file) => file.sha256))];
    const now = new Date();
    for (let start = 0; start < shas.length; start += IN_CHUNK) {
      const chunk = shas.slice(start, start + IN_CHUNK);
      await this.refresh(em, chunk, now);
      const [{ kept }] = await em.execute<[{ kept: number }]>(
        `SELECT count(*)::int AS kept FROM blob WHERE ${SHA_IN_LIST} AND gc_marked_at IS NULL`,
        [shaList(chunk)],
      );
      if (kept !== chunk.length) throw new BlobsCollectedError(sessionId, chunk.length - kept);
    }
  }
}
