import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlobStore, checksumHeader } from './blob-store.js';

const s3 = {
  endpoint: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  bucket: 'agentbench',
  accessKeyId: 'key',
  secretAccessKey: 'secret',
  forcePathStyle: true,
  publicEndpoint: undefined,
};

describe('presigned blob uploads', () => {
  it('sign the SHA-256 of the content as a header the uploader must send, and no other checksum', async () => {
    const sha = createHash('sha256').update('hello').digest('hex');
    const store = new BlobStore(s3, s3.endpoint, 60);
    const url = new URL(await store.presignPut(sha));
    store.close();
    expect(url.pathname).toBe(`/agentbench/blobs/${sha}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('x-amz-checksum-sha256');
    // Hoisted into the query, storage would not hold the body against it.
    expect([...url.searchParams.keys()].map((key) => key.toLowerCase())).not.toContain('x-amz-checksum-sha256');
    // The SDK's default would sign a CRC32 of an empty body, which storage rejects for any real one.
    expect(url.searchParams.has('x-amz-checksum-crc32')).toBe(false);
    expect(checksumHeader(sha)).toBe(createHash('sha256').update('hello').digest('base64'));
  });
});
