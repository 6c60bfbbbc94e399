import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import type { StoredObject } from '../modules/snapshots/blob-gc.js';
import { BLOB_PREFIX, blobKey } from './blob-store.js';
import type { Config } from '../config.js';

/** The S3-compatible store that keeps workspace snapshots. */
export class ObjectStorage {
  readonly client: S3Client;

  constructor(private readonly config: Config['s3']) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // Readiness and sync have their own retry policy; the SDK's would hide an outage for seconds.
      maxAttempts: 1,
    });
  }

  get bucket(): string {
    return this.config.bucket;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
  }

  /** Creates the bucket where it is missing (a fresh local store); an existing one is left alone. */
  async ensureBucket(): Promise<void> {
    try {
      await this.ping();
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: this.config.bucket }));
    }
  }

  /** Deletes blobs (at most 1000 at once); returns the ones storage confirmed deleted, absent ones included. */
  async deleteBlobs(shas: readonly string[]): Promise<string[]> {
    if (shas.length === 0) return [];
    const result = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.config.bucket,
        Delete: { Objects: shas.map((sha) => ({ Key: blobKey(sha) })), Quiet: false },
      }),
    );
    const deleted = new Set((result.Deleted ?? []).map((item) => item.Key));
    return shas.filter((sha) => deleted.has(blobKey(sha)));
  }

  /** One page of the objects under `blobs/`; `next` continues the listing, null at its end. */
  async listBlobs(next: string | null): Promise<{ objects: StoredObject[]; next: string | null }> {
    const page = await this.client.send(
      new ListObjectsV2Command({
        Bucket: this.config.bucket,
        Prefix: BLOB_PREFIX,
        MaxKeys: 1000,
        ContinuationToken: next ?? undefined,
      }),
    );
    const objects: StoredObject[] = [];
    for (const item of page.Contents ?? []) {
      const sha256 = item.Key?.slice(BLOB_PREFIX.length) ?? '';
      // Anything else under the prefix is not ours to judge.
      if (!/^[0-9a-f]{64}$/.test(sha256) || !item.LastModified) continue;
      objects.push({ sha256, size: item.Size ?? 0, lastModified: item.LastModified });
    }
    return { objects, next: page.IsTruncated ? (page.NextContinuationToken ?? null) : null };
  }

  close(): void {
    this.client.destroy();
  }
}
