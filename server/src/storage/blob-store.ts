import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Config } from '../config.js';
import { urlForSessions } from '../runtime/host-alias.js';
import type { RuntimeKind } from '../runtime/session-runtime.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether a value is a blob's name: a hex SHA-256. */
export const isSha256 = (value: string): boolean => SHA256.test(value);

/** The value of `x-amz-checksum-sha256` for a blob: its hex SHA-256 as base64. */
export function checksumHeader(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return Buffer.from(sha256, 'hex').toString('base64');
}

/** Where blobs live in the bucket. */
export const BLOB_PREFIX = 'blobs/';

/** The object key of a content-addressed blob. */
export function blobKey(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return `${BLOB_PREFIX}${sha256}`;
}

/**
 * The endpoint executors reach storage at: the configured public one, else the server's endpoint
 * as sessions reach it (a loopback endpoint becomes host.docker.internal for containers).
 */
export function publicS3Endpoint(
  s3: Pick<Config['s3'], 'endpoint' | 'publicEndpoint'>,
  runtime: RuntimeKind,
): string | undefined {
  if (s3.publicEndpoint) return s3.publicEndpoint;
  return s3.endpoint && urlForSessions(s3.endpoint, runtime);
}

/**
 * Presigned URLs for blobs, signed for the endpoint executors use. Signing is local: no request
 * reaches storage here, so URLs for a whole manifest cost nothing but CPU.
 */
export class BlobStore {
  private readonly signer: S3Client;

  constructor(
    private readonly s3: Config['s3'],
    endpoint: string | undefined,
    private readonly ttlSeconds: number,
  ) {
    this.signer = new S3Client({
      endpoint,
      region: s3.region,
      forcePathStyle: s3.forcePathStyle,
      credentials:
        s3.accessKeyId && s3.secretAccessKey
          ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
          : undefined,
      // Otherwise the SDK signs a CRC32 of the empty body into every upload URL, which storage
      // then holds against the real body.
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  }

  /**
   * A PUT for exactly this content: the URL signs `x-amz-checksum-sha256` (the uploader must send
   * it, see `checksumHeader`), and storage rejects a body whose SHA-256 is not the one in its key,
   * so no session can store other bytes under a hash another session's files share.
   */
  presignPut(sha256: string): Promise<string> {
    const command = new PutObjectCommand({
      Bucket: this.s3.bucket,
      Key: blobKey(sha256),
      ChecksumSHA256: checksumHeader(sha256),
    });
    return getSignedUrl(this.signer, command, {
      expiresIn: this.ttlSeconds,
      // A checksum hoisted into the query string would not be checked against the body.
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
    });
  }

  presignGet(sha256: string): Promise<string> {
    return getSignedUrl(this.signer, new GetObjectCommand({ Bucket: this.s3.bucket, Key: blobKey(sha256) }), {
      expiresIn: this.ttlSeconds,
    });
  }

  close(): void {
    this.signer.destroy();
  }
}
