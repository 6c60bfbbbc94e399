import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A content-addressed object in storage (`blobs/<sha256>`), recorded once its upload succeeded. */
export const BlobSchema = defineEntity({
  name: 'Blob',
  tableName: 'blob',
  properties: (p) => ({
    sha256: p.string().length(64).primary(),
    size: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
    /**
     * Last time a sync relied on this blob being in storage (recorded it, or skipped uploading it
     * because it was there) or a restore read it. Garbage collection never takes a blob touched
     * within its grace period (see blob-gc.ts).
     */
    lastReferencedAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
    /**
     * Set when garbage collection has decided to delete the blob: from then on syncs treat it as
     * missing and upload it again, because its object may already be gone.
     */
    gcMarkedAt: p.datetime().nullable(),
  }),
  // Marked blobs are few; collection finds them without reading the whole table.
  indexes: [
    {
      name: 'blob_gc_marked_at_index',
      expression:
        'create index "blob_gc_marked_at_index" on "blob" ("gc_marked_at") where "gc_marked_at" is not null',
    },
  ],
});

export type Blob = InferEntity<typeof BlobSchema>;
