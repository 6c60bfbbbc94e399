/**
 * Which blobs garbage collection may delete, and why that is safe against syncs running at the
 * same time.
 *
 * A blob (`blobs/<sha256>`, one row in `blob`) may go once no snapshot references it and nobody
 * has relied on it for a grace period (`lastReferencedAt`, default 24 h). Collection works in two
 * committed steps, and a sync in three:
 *
 * - Mark: in one transaction, the oldest unmarked rows are locked (`for update skip locked`) and
 *   re-checked; unreferenced ones get `gcMarkedAt`, referenced ones get a fresh `lastReferencedAt`
 *   (a blob a snapshot still needs is as good as touched, so it is not looked at again for a grace
 *   period and collection never rereads the same old, referenced rows).
 * - Delete: in a second transaction, marked rows are locked, their objects deleted from storage,
 *   then the rows; the commit comes last.
 * - A sync first touches the rows of the blobs it finds (`missingBlobs`), then deletes the marked
 *   ones among them and uploads those again, and finally, in the transaction that records its
 *   snapshot, touches and checks every blob of the manifest: if one was marked or deleted
 *   meanwhile, the snapshot is not recorded and the sync fails (it is counted and retried).
 *
 * Why no snapshot can lose a blob: a snapshot is only recorded when all its rows exist unmarked at
 * its commit. A row it touched is locked by its transaction until then, so marking skips it; a row
 * it did not need to touch was touched less than half a grace period ago, far from the marking
 * threshold. A row that a delete step holds makes the sync wait; after the commit the row is gone
 * and the sync fails or uploads again, always after the object was deleted, never before. A marked
 * row never counts as present, so a delete step that removed the object but died before its commit
 * leaves a row that syncs ignore and the next collection finishes. Objects uploaded by a sync that
 * failed before recording its snapshot have no row; they are adopted (a row with a fresh time) once
 * older than the grace period, and collected a grace period later if still unused.
 */

/** What collection knows about one old, unmarked blob. */
export interface BlobCandidate {
  sha256: string;
  lastReferencedAt: Date;
  /** True when at least one snapshot's manifest names it. */
  referenced: boolean;
}

export type BlobVerdict =
  /** Unreferenced and untouched for the grace period: mark it for deletion. */
  | 'collect'
  /** Still in a snapshot: touch it, so it is not examined again for a grace period. */
  | 'refresh'
  /** Touched within the grace period (an upload whose snapshot may not be recorded yet): leave it. */
  | 'young';

export function blobVerdict(blob: BlobCandidate, now: Date, graceMs: number): BlobVerdict {
  if (now.getTime() - blob.lastReferencedAt.getTime() < graceMs) return 'young';
  return blob.referenced ? 'refresh' : 'collect';
}

/** The decisions for one batch of candidates. */
export function planBlobBatch(
  candidates: readonly BlobCandidate[],
  now: Date,
  graceMs: number,
): { collect: string[]; refresh: string[] } {
  const collect: string[] = [];
  const refresh: string[] = [];
  for (const blob of candidates) {
    const verdict = blobVerdict(blob, now, graceMs);
    if (verdict === 'collect') collect.push(blob.sha256);
    else if (verdict === 'refresh') refresh.push(blob.sha256);
  }
  return { collect, refresh };
}

/** An object found in storage under `blobs/`. */
export interface StoredObject {
  sha256: string;
  size: number;
  lastModified: Date;
}

/**
 * Objects in storage without a row, older than the grace period: uploads of syncs that never
 * recorded their snapshot. Younger ones may belong to a sync still running.
 */
export function straysToAdopt(
  objects: readonly StoredObject[],
  recorded: ReadonlySet<string>,
  now: Date,
  graceMs: number,
): StoredObject[] {
  return objects.filter(
    (object) => !recorded.has(object.sha256) && now.getTime() - object.lastModified.getTime() >= graceMs,
  );
}
