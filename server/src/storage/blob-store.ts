import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Config } from '../config.js';
import type { RuntimeKind } from '../runtime/session-runtime.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** The object key of a content-addressed blob. */
export function blobKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return `blobs/${sha256}`;
}

/**
 * The endpoint executors reach storage at. Containers cannot reach the host's loopback, so for
 * the docker runtime a loopback endpoint becomes host.docker.internal (each container maps it to
 * the host gateway); the process runtime runs on the host and uses the endpoint as it is.
 */
export function publicS3Endpoint(
  s3: Pick<Config['s3'], 'endpoint' | 'publicEndpoint'>,
  runtime: RuntimeKind,
): string | undefined {
  if (s3.publicEndpoint) return s3.publicEndpoint;
  if (!s3.endpoint || runtime !== 'docker') return s3.endpoint;
  const url = new URL(s3.endpoint);
  if (['127.0.0.1', 'localhost', '[::1]', '0.0.0.0'].includes(url.hostname))
    url.hostname = 'host.docker.internal';
  return url.toString().replace(/\/$/, '');
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
    });
  }

  presignPut(sha256: string): Promise<string> {
    return getSignedUrl(this.signer, new PutObjectCommand({ Bucket: this.s3.bucket, Key: blobKey(sha256) }), {
      expiresIn: this.ttlSeconds,
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
