import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
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

  close(): void {
    this.client.destroy();
  }
}
