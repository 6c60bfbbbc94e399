// Real S3, MinIO and RustFS check `x-amz-checksum-sha256` against the body of a PUT and refuse a
// mismatch (400 BadDigest) without storing anything. s3rver ignores the header; this middleware
// gives the embedded server the same behaviour, so tests see what production storage does.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** True for a plain object PUT that names a SHA-256 for its body. */
export function wantsChecksum(method, query, headers) {
  return (
    method === 'PUT' &&
    typeof headers['x-amz-checksum-sha256'] === 'string' &&
    query.partNumber === undefined &&
    headers['x-amz-copy-source'] === undefined
  );
}

/**
 * Koa middleware: spools the body to a temporary file while hashing it, and hands s3rver the file
 * only when the hash matches; otherwise `reject(message)` is thrown, so a bad body never replaces
 * an object. Must run after anything that decodes the body (aws-chunked).
 */
export function checksumVerifier(reject) {
  return async (ctx, next) => {
    if (!wantsChecksum(ctx.method, ctx.query, ctx.request.headers)) return next();
    const expected = ctx.request.headers['x-amz-checksum-sha256'];
    const dir = await mkdtemp(join(tmpdir(), 's3-checksum-'));
    try {
      const file = join(dir, 'body');
      const hash = createHash('sha256');
      const tap = new Transform({
        transform(chunk, _encoding, callback) {
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(ctx.req, tap, createWriteStream(file));
      if (hash.digest('base64') !== expected) {
        throw reject('The SHA256 you specified did not match the calculated checksum.');
      }
      ctx.req = createReadStream(file);
      await next();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
