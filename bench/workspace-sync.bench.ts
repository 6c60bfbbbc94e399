import type { SharedSetup } from './shared-setup.js';
import { percentile, result, type BenchResult } from './stats.js';
import {
  FILE_COUNT,
  TRANSFER_CONCURRENCY,
  WORKSPACE_FILES,
  WorkspaceFixture,
  megabytes,
  timeMs,
  type SnapshotInfo,
  type TaskResult,
} from './workspace-fixture.js';

const INCREMENTAL_RUNS = 5;

/**
 * WS1, WS2, WS7 at scale: the first sync of a 10,000-file, ~100 MB workspace, syncs after one file
 * changed in it, and a restore into an empty workspace; each against the same transfer done raw
 * (plain Node in a copy of the session's container, presigned URLs, no platform around it).
 */
export async function workspaceSyncBench(shared: SharedSetup): Promise<BenchResult[]> {
  const ws = await WorkspaceFixture.shared(shared);
  if (await ws.latestSnapshot())
    throw new Error('the bench workspace was synced already: the sync bench must run first');

  // 2. Full snapshot: the raw upload first, so the platform's is no warmer than it.
  const rawFull = await ws.task(ws.twin, 'put', {
    concurrency: TRANSFER_CONCURRENCY,
    files: await Promise.all(
      WORKSPACE_FILES.map(async (file, index) => ({
        path: file.path,
        url: await ws.presignPut(`raw/full/${index}`),
      })),
    ),
  });
  console.log(
    `  raw upload: ${rawFull.files} files, ${megabytes(rawFull.bytes)} in ${rawFull.ms.toFixed(0)} ms`,
  );
  const full = await ws.storageRequestsDuring(() => timeMs(() => ws.sync()));
  const snapshot: SnapshotInfo = full.value.value;
  console.log(
    `  first sync: ${snapshot.fileCount} files, ${megabytes(snapshot.totalBytes)} in ${full.value.ms.toFixed(0)} ms, ${full.requests.length} storage requests`,
  );

  // 1. One file changed: each sync is followed by its baseline, so both see the same load.
  const syncMs: number[] = [];
  const rawMs: number[] = [];
  const requestCounts: number[] = [];
  const methods = new Map<string, number>();
  for (let run = 0; run < INCREMENTAL_RUNS; run++) {
    const file = WORKSPACE_FILES[(77 + run * 2_003) % FILE_COUNT]!;
    await ws.task(ws.twin, 'fill', { files: [file] });
    const sync = await ws.storageRequestsDuring(() => timeMs(() => ws.sync()));
    syncMs.push(sync.value.ms);
    requestCounts.push(sync.requests.length);
    for (const request of sync.requests) methods.set(request.method, (methods.get(request.method) ?? 0) + 1);
    const raw: TaskResult = await ws.task(ws.twin, 'walk-put', {
      root: '/workspace',
      file: { path: file.path, url: await ws.presignPut(`raw/one/${run}`) },
    });
    rawMs.push(raw.ms);
    console.log(
      `  incremental sync ${run + 1}: ${sync.value.ms.toFixed(0)} ms, ${sync.requests.length} storage requests; raw walk of ${raw.files} files + PUT: ${raw.ms.toFixed(0)} ms`,
    );
  }
  const requestText = [...methods].map(([method, count]) => `${count} ${method}`).join(', ') || 'none';

  // 3. Restore into an empty workspace; the baseline writes into a fresh copy of the container.
  const latest = (await ws.latestSnapshot())!;
  await ws.emptyWorkspace();
  const restore = await timeMs(() => ws.restore(latest.id));
  console.log(`  restoreSnapshot into the emptied workspace: ${restore.ms.toFixed(0)} ms`);
  const fresh = ws.raw.name('restore');
  await ws.raw.run(
    fresh,
    await ws.raw.copyOf(
      ws.names.container,
      {
        workspace: ws.raw.name('restore-ws'),
        agentData: ws.raw.name('restore-agent'),
        benchDir: ws.benchDir,
      },
      { network: ws.names.network, keepAlive: true },
    ),
  );
  const rawRestore = await ws.task(fresh, 'get', {
    concurrency: TRANSFER_CONCURRENCY,
    files: await Promise.all(
      latest.files.map(async (file) => ({ path: file.path, url: await ws.presignGet(file.sha256) })),
    ),
  });
  console.log(
    `  raw restore: ${rawRestore.files} files, ${megabytes(rawRestore.bytes)} in ${rawRestore.ms.toFixed(0)} ms`,
  );
  await ws.raw.remove(fresh);

  const size = `${snapshot.fileCount.toLocaleString('en')} files, ${megabytes(snapshot.totalBytes)}`;
  const inCopy = 'by plain Node (fetch, presigned URLs) in a copy of the session container';
  return [
    result(
      `incremental sync, 1 of ${FILE_COUNT.toLocaleString('en')} files changed: storage requests`,
      `requests per sync in the S3 server's request log, most of ${INCREMENTAL_RUNS} syncs (all of them: ${requestText}); baseline: one PutObject`,
      Math.max(...requestCounts),
      1,
      { kind: 'ratio-at-most', limit: 1 },
    ),
    result(
      `incremental sync, 1 of ${FILE_COUNT.toLocaleString('en')} files changed: wall time`,
      `ms, median of ${INCREMENTAL_RUNS}, syncSession mutation; baseline: readdir + lstat of every workspace file and one PutObject of the file, ${inCopy}, timed inside it`,
      percentile(syncMs, 50),
      percentile(rawMs, 50),
      null,
    ),
    result(
      `full snapshot, first sync of ${size}`,
      `ms, syncSession mutation (scan, hash, upload, record); baseline: PutObject of the same files ${TRANSFER_CONCURRENCY} at a time (the executor's parallelism) ${inCopy}, timed inside it`,
      full.value.ms,
      rawFull.ms,
      null,
    ),
    result(
      `restore of that snapshot into an empty workspace`,
      `ms, restoreSnapshot mutation (safety snapshot, then every file fetched, fsynced, renamed); baseline: GetObject + write (no fsync) ${TRANSFER_CONCURRENCY} at a time ${inCopy} with empty volumes, timed inside it`,
      restore.ms,
      rawRestore.ms,
      null,
    ),
  ];
}
