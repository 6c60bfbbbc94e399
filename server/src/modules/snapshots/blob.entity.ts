import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A content-addressed object in storage (`blobs/<sha256>`), recorded once its upload succeeded. */
export const BlobSchema = defineEntity({
  name: 'Blob',
  tableName: 'blob',
  properties: (p) => ({
    sha256: p.string().length(64).primary(),
    size: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type Blob = InferEntity<typeof BlobSchema>;
