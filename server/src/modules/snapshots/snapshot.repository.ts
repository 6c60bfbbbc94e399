import { pastPosition } from '../../db/keyset.js';
import type { Orm } from '../../db/orm.js';
import type { SyncFileEntry } from '../../../../executor/src/protocol.js';
import { BlobSchema } from './blob.entity.js';
import { SnapshotSchema, type Snapshot, type SnapshotReason } from './snapshot.entity.js';

/** Keyset position in a session's snapshot list: newest first, id breaks ties. */
export interface SnapshotCursor {
  createdAt: Date;
  id: string;
}

const IN_CHUNK = 5_000;

export class SnapshotRepository {
  constructor(private readonly orm: Orm) {}

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

  /** Which of these blobs storage does not have yet (by our record of completed uploads). */
  async missingBlobs(shas: readonly string[]): Promise<Set<string>> {
    const missing = new Set(shas);
    const em = this.orm.em.fork();
    for (let start = 0; start < shas.length; start += IN_CHUNK) {
      const chunk = shas.slice(start, start + IN_CHUNK);
      const present = await em.find(BlobSchema, { sha256: { $in: chunk } }, { fields: ['sha256'] });
      for (const blob of present) missing.delete(blob.sha256);
    }
    return missing;
  }

  /** Records a snapshot and the blobs its sync uploaded, in one transaction. */
  async create(input: {
    sessionId: string;
    runId: string | null;
    reason: SnapshotReason;
    files: SyncFileEntry[];
    uploaded: { sha256: string; size: number }[];
  }): Promise<Snapshot> {
    return this.orm.em.fork().transactional(async (em) => {
      for (let start = 0; start < input.uploaded.length; start += IN_CHUNK) {
        const chunk = input.uploaded.slice(start, start + IN_CHUNK);
        const at = new Date();
        await em.upsertMany(
          BlobSchema,
          chunk.map((blob) => ({ ...blob, createdAt: at })),
          { onConflictFields: ['sha256'], onConflictAction: 'ignore' },
        );
      }
      const snapshot = em.create(SnapshotSchema, {
        session: input.sessionId,
        run: input.runId,
        reason: input.reason,
        fileCount: input.files.length,
        totalBytes: input.files.reduce((sum, file) => sum + file.size, 0),
        manifest: input.files,
      });
      await em.flush();
      return snapshot;
    });
  }
}
