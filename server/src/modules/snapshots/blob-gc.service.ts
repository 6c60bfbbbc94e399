import type { Logger } from '../../logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import { planBlobBatch, straysToAdopt } from './blob-gc.js';
import type { BlobRepository } from './blob.repository.js';

/** Rows per transaction; storage deletes at most 1000 objects per call. */
const BATCH = 500;
/** A bound on one pass, so a backlog is worked off over several runs instead of one endless job. */
const MAX_BATCHES = 200;

export interface BlobGcResult {
  /** Old, unmarked blobs looked at. */
  examined: number;
  /** Of those, still in a snapshot: touched, not looked at again for a grace period. */
  refreshed: number;
  /** Of those, unreferenced: marked for deletion. */
  marked: number;
  /** Objects deleted from storage, with their rows. */
  deleted: number;
  /** Objects in storage without a row, older than the grace period, recorded to be judged later. */
  adopted: number;
}

/**
 * Deletes blobs no snapshot references once they have not been relied on for the grace period,
 * from storage and from the blob table, in batches (blob-gc.ts explains why this is safe while
 * syncs run).
 */
export class BlobGcService {
  constructor(
    private readonly deps: {
      blobs: BlobRepository;
      storage: ObjectStorage;
      /** BLOB_GC_GRACE, in seconds. */
      graceSeconds: number;
      log: Logger;
    },
  ) {}

  async collect(now = new Date()): Promise<BlobGcResult> {
    const started = Date.now();
    const result: BlobGcResult = { examined: 0, refreshed: 0, marked: 0, deleted: 0, adopted: 0 };
    await this.mark(now, result);
    await this.deleteMarked(result);
    await this.adoptStrays(now, result);
    this.deps.log.info({ op: 'blob.gc', ...result, ms: Date.now() - started }, 'blob garbage collection done');
    return result;
  }

  private get graceMs(): number {
    return this.deps.graceSeconds * 1000;
  }

  private async mark(now: Date, result: BlobGcResult): Promise<void> {
    const before = new Date(now.getTime() - this.graceMs);
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const judged = await this.deps.blobs.judgeOldest(before, BATCH, now, (candidates) =>
        planBlobBatch(candidates, now, this.graceMs),
      );
      result.examined += judged.examined;
      result.refreshed += judged.refreshed;
      result.marked += judged.marked;
      if (judged.examined < BATCH) return;
    }
  }

  private async deleteMarked(result: BlobGcResult): Promise<void> {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const done = await this.deps.blobs.deleteMarked(BATCH, (shas) => this.deps.storage.deleteBlobs(shas));
      result.deleted += done.deleted;
      if (done.droppedReferenced > 0) {
        this.deps.log.warn(
          { op: 'blob.gc', count: done.droppedReferenced },
          'marked blobs were referenced after all: kept in storage, uploaded again when next needed',
        );
      }
      if (done.locked < BATCH) return;
    }
  }

  private async adoptStrays(now: Date, result: BlobGcResult): Promise<void> {
    let next: string | null = null;
    do {
      const page = await this.deps.storage.listBlobs(next);
      const recorded = await this.deps.blobs.recorded(page.objects.map((object) => object.sha256));
      const strays = straysToAdopt(page.objects, recorded, now, this.graceMs);
      await this.deps.blobs.adopt(strays, now);
      result.adopted += strays.length;
      next = page.next;
    } while (next);
  }
}
