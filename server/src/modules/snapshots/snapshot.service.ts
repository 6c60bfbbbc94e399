import { KeyedSerialQueue } from '../../keyed-serial-queue.js';
import type {
  SYNC_ROOTS,
  SyncFileEntry,
  SyncRestoreMode,
  SyncRestoreResponse,
} from '../../../../executor/src/protocol.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { ExecutorClient } from '../../executor-client/executor-client.js';
import type { Logger } from '../../logger.js';
import type { SessionRuntime } from '../../runtime/session-runtime.js';
import { isSha256, type BlobStore } from '../../storage/blob-store.js';
import { isFinalRunStatus } from '../runs/run.entity.js';
import type { RunRepository } from '../runs/run.repository.js';
import type { Session } from '../sessions/session.entity.js';
import type { SessionRepository } from '../sessions/session.repository.js';
import type { SessionService } from '../sessions/session.service.js';
import type { User } from '../users/user.entity.js';
import type { Snapshot, SnapshotReason } from './snapshot.entity.js';
import { SyncFailedError } from './snapshot.errors.js';
import type { SnapshotCursor, SnapshotRepository } from './snapshot.repository.js';

/** Files per upload call: keeps each request body (one presigned URL per file) a few hundred KB. */
const UPLOAD_BATCH = 500;

/**
 * The distinct blobs a scan names. The container is not trusted, and what it names becomes storage
 * keys and database lookups: a hash that is not hex SHA-256 fails the sync.
 */
export function blobsOfScan(files: readonly SyncFileEntry[]): string[] {
  const malformed = files.find((file) => !isSha256(file.sha256));
  if (malformed) throw new Error(`the workspace scan gave ${malformed.path} a malformed hash`);
  return [...new Set(files.map((file) => file.sha256))];
}

/** The blobs a manifest needs that storage lacks, each with one file to read it from. */
export function planUpload(
  files: readonly SyncFileEntry[],
  missing: ReadonlySet<string>,
): { sha256: string; path: string; size: number }[] {
  const plan = new Map<string, { sha256: string; path: string; size: number }>();
  for (const file of files) {
    if (missing.has(file.sha256) && !plan.has(file.sha256))
      plan.set(file.sha256, { sha256: file.sha256, path: file.path, size: file.size });
  }
  return [...plan.values()];
}

/** What a sync did, for logs, tests and the bench. */
export interface SyncOutcome {
  snapshot: Snapshot;
  hashed: number;
  uploadedBlobs: number;
  uploadedBytes: number;
}

/**
 * Workspace sync (WS1, WS2, WS7): the executor scans and uploads through presigned URLs for exactly
 * the blobs storage lacks; the server records blobs and the snapshot. Restore is the reverse with
 * presigned GETs for exactly the blobs of one of the session's own snapshots.
 */
export class SnapshotService {
  private readonly serialQueue = new KeyedSerialQueue();

  constructor(
    private readonly deps: {
      snapshots: SnapshotRepository;
      sessions: SessionRepository;
      sessionService: SessionService;
      runs: RunRepository;
      runtime: SessionRuntime;
      blobs: BlobStore;
      log: Logger;
    },
  ) {}

  /**
   * Snapshots the session's running container. A failure is counted on the session (LC4) and
   * thrown as SyncFailedError; the caller decides what it blocks.
   */
  sync(sessionId: string, reason: SnapshotReason, runId: string | null = null): Promise<SyncOutcome> {
    return this.serial(sessionId, () => this.doSync(sessionId, reason, runId));
  }

  /** Like sync, when the container is running; null (and no failure counted) when it is not. */
  async syncIfRunning(
    sessionId: string,
    reason: SnapshotReason,
    runId: string | null = null,
  ): Promise<SyncOutcome | null> {
    if ((await this.deps.runtime.status(sessionId)).state !== 'running') return null;
    return this.sync(sessionId, reason, runId);
  }

  /** Writes a snapshot's files into the session's running container. */
  restore(sessionId: string, snapshotId: string, mode: SyncRestoreMode): Promise<SyncRestoreResponse> {
    return this.serial(sessionId, () => this.doRestore(sessionId, snapshotId, mode));
  }

  /**
   * The files of one root of a snapshot (`/workspace` or `/agent-data`) that the container lacks:
   * layers L2 and L3 of the restore plan (WS5). What the container has already is kept.
   */
  restoreRoot(
    sessionId: string,
    snapshotId: string,
    root: (typeof SYNC_ROOTS)[number],
  ): Promise<SyncRestoreResponse> {
    return this.serial(sessionId, () => this.doRestore(sessionId, snapshotId, 'keep_session', root));
  }

  /** A snapshot with its files, for the restore plan (no viewer: the worker acts for the session). */
  async withFiles(snapshotId: string): Promise<{ snapshot: Snapshot; files: SyncFileEntry[] } | null> {
    const snapshot = await this.deps.snapshots.findById(snapshotId);
    if (!snapshot) return null;
    return { snapshot, files: (await this.deps.snapshots.manifestOf(snapshotId)) ?? [] };
  }

  latestOfSession(sessionId: string): Promise<Snapshot | null> {
    return this.deps.snapshots.latestOfSession(sessionId);
  }

  /** A snapshot of one of the viewer's sessions, or null. */
  async find(viewer: User, id: string): Promise<Snapshot | null> {
    const snapshot = await this.deps.snapshots.findById(id);
    if (!snapshot) return null;
    return (await this.deps.sessionService.find(viewer, snapshot.session.id)) ? snapshot : null;
  }

  async page(
    viewer: User,
    sessionId: string,
    query: { after?: SnapshotCursor; limit: number },
  ): Promise<Snapshot[]> {
    await this.deps.sessionService.get(viewer, sessionId);
    return this.deps.snapshots.pageOfSession(sessionId, query);
  }

  /** `syncSession`: a snapshot now; a stopped session's latest snapshot is already current. */
  async syncNow(viewer: User, sessionId: string): Promise<Snapshot> {
    const session = await this.deps.sessionService.get(viewer, sessionId);
    if (!(await this.deps.runtime.endpoint(sessionId))) {
      const latest = await this.deps.snapshots.latestOfSession(sessionId);
      if (latest && session.status !== 'RUNNING' && !session.lastSyncError) return latest;
      throw new ValidationError("the session's container is not running: activate it to sync it", [
        { path: ['sessionId'], message: 'not running' },
      ]);
    }
    return (await this.sync(sessionId, 'MANUAL')).snapshot;
  }

  /**
   * `restoreSnapshot`: the workspace and agent data become exactly the snapshot, after a SAFETY
   * snapshot of how they are now (so the restore itself can be undone). The container must be up
   * (`ensureRunning` brings it up) and no run may be active.
   */
  async restoreFor(
    viewer: User,
    snapshotId: string,
    ensureRunning: (session: Session) => Promise<unknown>,
  ): Promise<{ session: Session; restored: Snapshot; safety: Snapshot }> {
    const snapshot = await this.find(viewer, snapshotId);
    if (!snapshot) throw new NotFoundError('Snapshot', snapshotId);
    const sessionId = snapshot.session.id;
    let session = await this.deps.sessionService.get(viewer, sessionId);
    await this.assertIdle(sessionId);
    await ensureRunning(session);
    const safety = (await this.sync(sessionId, 'SAFETY')).snapshot;
    await this.assertIdle(sessionId);
    try {
      await this.restore(sessionId, snapshotId, 'replace');
    } catch (error) {
      throw new SyncFailedError(sessionId, message(error));
    }
    // What is in the workspace now is exactly this snapshot: the next sync starts from it.
    await this.deps.sessions.touch(sessionId, new Date());
    await this.deps.sessionService.notifyChanged(sessionId);
    session = await this.deps.sessionService.get(viewer, sessionId);
    return { session, restored: snapshot, safety };
  }

  private async assertIdle(sessionId: string): Promise<void> {
    const head = await this.deps.runs.headOfSession(sessionId);
    if (head && !isFinalRunStatus(head.status)) {
      throw new ValidationError('the session has a run queued or in progress: wait for it or cancel it', [
        { path: ['snapshotId'], message: 'a run is active' },
      ]);
    }
  }

  private async doSync(
    sessionId: string,
    reason: SnapshotReason,
    runId: string | null,
  ): Promise<SyncOutcome> {
    const { snapshots, sessions, runtime, blobs, log } = this.deps;
    const started = Date.now();
    try {
      const endpoint = await runtime.endpoint(sessionId);
      if (!endpoint) throw new Error("the session's container is not running");
      const client = new ExecutorClient(endpoint);
      const scan = await client.syncScan();
      const shas = blobsOfScan(scan.files);
      const plan = planUpload(scan.files, await snapshots.missingBlobs(shas));
      let uploadedBytes = 0;
      for (let start = 0; start < plan.length; start += UPLOAD_BATCH) {
        const batch = plan.slice(start, start + UPLOAD_BATCH);
        const uploads = await Promise.all(
          batch.map(async (item) => ({
            sha256: item.sha256,
            path: item.path,
            url: await blobs.presignPut(item.sha256),
          })),
        );
        uploadedBytes += (await client.syncUpload({ uploads })).bytes;
      }
      const snapshot = await snapshots.create({
        sessionId,
        runId,
        reason,
        // What the files were made under (WS5): a restore under another version is reported.
        runtimeVersion: (await sessions.findById(sessionId))?.runtimeVersion ?? null,
        files: scan.files,
        uploaded: plan.map((item) => ({ sha256: item.sha256, size: item.size })),
      });
      await sessions.recordSyncSuccess(sessionId, snapshot.createdAt);
      await this.deps.sessionService.notifyChanged(sessionId);
      log.info(
        {
          sessionId,
          runId,
          op: 'session.sync',
          reason,
          snapshotId: snapshot.id,
          files: scan.files.length,
          hashed: scan.hashed,
          uploadedBlobs: plan.length,
          uploadedBytes,
          ms: Date.now() - started,
        },
        'workspace synced',
      );
      return { snapshot, hashed: scan.hashed, uploadedBlobs: plan.length, uploadedBytes };
    } catch (error) {
      const reasonText = message(error);
      await sessions.recordSyncFailure(sessionId, reasonText);
      await this.deps.sessionService.notifyChanged(sessionId);
      log.warn(
        { sessionId, runId, op: 'session.sync', reason, ms: Date.now() - started, err: reasonText },
        'workspace sync failed',
      );
      throw new SyncFailedError(sessionId, reasonText);
    }
  }

  /** `root`: only that root's files (with `keep_session` only: `replace` would empty the other root). */
  private async doRestore(
    sessionId: string,
    snapshotId: string,
    mode: SyncRestoreMode,
    root?: (typeof SYNC_ROOTS)[number],
  ): Promise<SyncRestoreResponse> {
    const { snapshots, runtime, blobs, log } = this.deps;
    const started = Date.now();
    const snapshot = await snapshots.findById(snapshotId);
    // Only the session's own snapshots: the URLs below are for exactly the blobs it references.
    if (!snapshot || snapshot.session.id !== sessionId) throw new NotFoundError('Snapshot', snapshotId);
    const files = ((await snapshots.manifestOf(snapshotId)) ?? []).filter(
      (file) => root === undefined || file.path.startsWith(`${root}/`),
    );
    const endpoint = await runtime.endpoint(sessionId);
    if (!endpoint) throw new Error("the session's container is not running");
    // Retention may delete this snapshot meanwhile: its blobs stay for a grace period from now.
    await snapshots.touchBlobs(files.map((file) => file.sha256));
    const urls: Record<string, string> = {};
    for (const sha of new Set(files.map((file) => file.sha256))) urls[sha] = await blobs.presignGet(sha);
    const result = await new ExecutorClient(endpoint).syncRestore({ files, urls, mode });
    log.info(
      { sessionId, snapshotId, op: 'session.restore', mode, root, ...result, ms: Date.now() - started },
      'workspace restored',
    );
    return result;
  }

  private serial<T>(sessionId: string, operation: () => Promise<T>): Promise<T> {
    return this.serialQueue.run(sessionId, operation);
  }
}

function message(error: unknown): string {
  if (error instanceof SyncFailedError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}
