import type { Orm } from '../../db/orm.js';
import type { BlobCandidate } from './blob-gc.js';
import { BlobSchema } from './blob.entity.js';
import { MANIFEST_BLOBS } from './snapshot.entity.js';

// Whether any snapshot names the blob `b`; served by the snapshot_manifest_blobs_index.
const REFERENCED = `exists (select 1 from "snapshot" s where ${MANIFEST_BLOBS} @> jsonb_build_array(b."sha256"))`;

/** The blob table as garbage collection sees it (blob-gc.ts explains the protocol). */
export class BlobRepository {
  constructor(private readonly orm: Orm) {}

  /**
   * Locks up to `limit` of the oldest unmarked blobs not touched since `before`, and in the same
   * transaction marks those `decide` wants collected and touches those it wants kept.
   */
  judgeOldest(
    before: Date,
    limit: number,
    now: Date,
    decide: (candidates: BlobCandidate[]) => { collect: string[]; refresh: string[] },
  ): Promise<{ examined: number; marked: number; refreshed: number }> {
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await em.execute<{ sha256: string; last_referenced_at: Date; referenced: boolean }[]>(
        `select b."sha256", b."last_referenced_at", ${REFERENCED} as "referenced" from "blob" b
         where b."gc_marked_at" is null and b."last_referenced_at" < ?
         order by b."last_referenced_at", b."sha256" limit ? for update of b skip locked`,
        [before, limit],
      );
      const plan = decide(
        rows.map((row) => ({
          sha256: row.sha256,
          lastReferencedAt: new Date(row.last_referenced_at),
          referenced: row.referenced,
        })),
      );
      if (plan.collect.length)
        await em.nativeUpdate(BlobSchema, { sha256: { $in: plan.collect } }, { gcMarkedAt: now });
      if (plan.refresh.length)
        await em.nativeUpdate(BlobSchema, { sha256: { $in: plan.refresh } }, { lastReferencedAt: now });
      return { examined: rows.length, marked: plan.collect.length, refreshed: plan.refresh.length };
    });
  }

  /**
   * Locks up to `limit` marked blobs and, while holding them, lets `deleteObjects` delete their
   * objects from storage (it returns those it deleted); then drops the rows of the deleted ones.
   * A marked blob that a snapshot names after all keeps its object and only loses its row, so the
   * next sync that needs it uploads it again.
   */
  deleteMarked(
    limit: number,
    deleteObjects: (shas: string[]) => Promise<string[]>,
  ): Promise<{ locked: number; deleted: number; droppedReferenced: number }> {
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await em.execute<{ sha256: string; referenced: boolean }[]>(
        `select b."sha256", ${REFERENCED} as "referenced" from "blob" b
         where b."gc_marked_at" is not null order by b."gc_marked_at", b."sha256"
         limit ? for update of b skip locked`,
        [limit],
      );
      const referenced = rows.filter((row) => row.referenced).map((row) => row.sha256);
      const unreferenced = rows.filter((row) => !row.referenced).map((row) => row.sha256);
      const deleted = unreferenced.length ? await deleteObjects(unreferenced) : [];
      const drop = [...deleted, ...referenced];
      if (drop.length) await em.nativeDelete(BlobSchema, { sha256: { $in: drop } });
      return { locked: rows.length, deleted: deleted.length, droppedReferenced: referenced.length };
    });
  }

  /** Which of these blobs have a row (marked or not). */
  async recorded(shas: readonly string[]): Promise<Set<string>> {
    if (shas.length === 0) return new Set();
    const rows = await this.orm.em
      .fork()
      .find(BlobSchema, { sha256: { $in: [...shas] } }, { fields: ['sha256'] });
    return new Set(rows.map((row) => row.sha256));
  }

  /** Records objects found in storage without a row, as just touched; existing rows stay as they are. */
  async adopt(blobs: readonly { sha256: string; size: number }[], now: Date): Promise<void> {
    if (blobs.length === 0) return;
    await this.orm.em.fork().upsertMany(
      BlobSchema,
      blobs.map((blob) => ({ sha256: blob.sha256, size: blob.size, createdAt: now, lastReferencedAt: now })),
      { onConflictFields: ['sha256'], onConflictAction: 'ignore' },
    );
  }
}
