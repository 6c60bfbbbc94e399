// The embedded S3 stand-in for `npm start` and `npm test` (production uses RustFS or MinIO).
// s3rver does not verify signatures: it is for development only.
//   node scripts/s3-server.mjs --port 9000 --directory .data/s3 --bucket agentbench [--address 0.0.0.0]
//     [--log-requests]   one stdout line per answered request, `s3 request <METHOD> <path> <status>`
import { parseArgs } from 'node:util';
import S3rver from 's3rver';
import S3Error from 's3rver/lib/models/error.js';
import { AwsChunkedDecoder, decodedHeaders, isAwsChunked } from './lib/aws-chunked.mjs';
import { checksumVerifier } from './lib/checksum-verify.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '9000' },
    address: { type: 'string', default: '127.0.0.1' },
    directory: { type: 'string' },
    bucket: { type: 'string', default: 'agentbench' },
    'log-requests': { type: 'boolean', default: false },
  },
});
if (!options.directory) {
  console.error('--directory is required');
  process.exit(2);
}

// The workbench may upload and download straight from the browser with presigned URLs.
const permissiveCors = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>DELETE</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

const server = new S3rver({
  port: Number(options.port),
  address: options.address,
  directory: options.directory,
  silent: true,
  // Path-style only: otherwise a request to http://host.docker.internal:<port>/bucket/key (how
  // session containers reach the host) is taken for a bucket named "host.docker.internal".
  vhostBuckets: false,
  configureBuckets: [{ name: options.bucket, configs: [permissiveCors] }],
});

// Between the decoder below and s3rver: the checksum is over the decoded payload.
server.middleware.unshift(checksumVerifier((message) => new S3Error('BadDigest', message)));

// Must run before s3rver's own middleware, which reads the request body as the object.
server.middleware.unshift(async (ctx, next) => {
  if (isAwsChunked(ctx.req.headers)) {
    const raw = ctx.req;
    raw.headers = decodedHeaders(raw.headers);
    const decoder = new AwsChunkedDecoder();
    raw.on('error', (err) => decoder.destroy(err));
    ctx.req = raw.pipe(decoder);
  }
  await next();
});

// Outermost, so the status is the one sent; the bench counts what a sync asks of storage with it.
if (options['log-requests']) {
  server.middleware.unshift(async (ctx, next) => {
    const { method } = ctx.req;
    const path = ctx.req.url.split('?')[0];
    ctx.res.once('finish', () => console.log(`s3 request ${method} ${path} ${ctx.res.statusCode}`));
    await next();
  });
}

const address = await server.run();
console.log(
  `s3 ready http://${address.address}:${address.port} bucket=${options.bucket} dir=${options.directory}`,
);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(0), 3000).unref();
    server.httpServer.closeAllConnections?.();
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  });
}
