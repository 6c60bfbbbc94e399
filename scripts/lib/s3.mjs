import { join } from 'node:path';
import { exitReason, httpStatus, waitUntil } from './probes.mjs';

// s3rver knows exactly one account.
const EMBEDDED = {
  bucket: 'agentbench',
  region: 'us-east-1',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
};

export async function startEmbeddedS3({ repoRoot, dataDir, port, supervisor, logFile, env }) {
  const args = [
    join(repoRoot, 'scripts', 's3-server.mjs'),
    `--port=${port}`,
    `--directory=${join(dataDir, 's3')}`,
    `--bucket=${EMBEDDED.bucket}`,
    // Session containers reach it through the Docker bridge, not loopback.
    '--address=0.0.0.0',
  ];
  const handle = supervisor.start('s3', process.execPath, args, {
    env,
    cwd: repoRoot,
    logFile,
    marker: 's3-server.mjs',
  });
  const answers = async () => (await httpStatus(`http://127.0.0.1:${port}/`)) > 0;
  await waitUntil(answers, {
    what: 'embedded S3 server',
    timeoutMs: 30_000,
    failedBecause: exitReason(handle),
  });
  return {
    handle,
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: EMBEDDED.region,
      S3_BUCKET: EMBEDDED.bucket,
      S3_ACCESS_KEY_ID: EMBEDDED.accessKeyId,
      S3_SECRET_ACCESS_KEY: EMBEDDED.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
  };
}
