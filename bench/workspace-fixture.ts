import { chmod, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { SyncFileEntry } from '../executor/src/protocol.js';
import { sessionResourceNames, type SessionResourceNames } from '../server/src/runtime/runtime-names.js';
import { blobKey, publicS3Endpoint } from '../server/src/storage/blob-store.js';
import { execInContainer } from '../server/test/support/container-exec.js';
import { RunStack } from '../server/test/support/run-stack.js';
import { S3Process, type S3Request } from '../server/test/support/s3-process.js';
import { RawDocker } from './raw-docker.js';
import type { SharedSetup } from './shared-setup.js';

export const FILE_COUNT = 10_000;
const FILES_PER_DIR = 100;
/** What the executor uploads and restores with at once (workspace-sync.ts); the server asks for no other. */
export const TRANSFER_CONCURRENCY = 8;
const URL_TTL_SECONDS = 3_600;

/** 100 directories of 100 files of 1 to 19 KiB (10 KiB on average): about 100 MB in all. */
export const WORKSPACE_FILES = Array.from({ length: FILE_COUNT }, (_, index) => ({
  path: `/workspace/bench/d${pad(Math.floor(index / FILES_PER_DIR))}/f${pad(index % FILES_PER_DIR)}.bin`,
  size: 1024 + ((index * 7919) % 18_433),
}));

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** What container-tasks.mjs reports. */
export interface TaskResult {
  ms: number;
  files: number;
  bytes: number;
}

export interface SnapshotInfo {
  id: string;
  fileCount: number;
  totalBytes: number;
}

const SNAPSHOT_FIELDS = 'id fileCount totalBytes';
const ACTIVATE = `mutation ($input: SessionIdInput!) { activateSession(input: $input) { __typename
  ... on SessionPayload { session { status } } ... on Error { message } } }`;
const STOP = `mutation ($input: SessionIdInput!) { stopSession(input: $input) { __typename
  ... on SessionPayload { session { status } } ... on Error { message } } }`;
const SYNC = `mutation ($input: SessionIdInput!) { syncSession(input: $input) { __typename
  ... on SyncSessionPayload { snapshot { ${SNAPSHOT_FIELDS} } } ... on Error { message } } }`;
const RESTORE = `mutation ($input: RestoreSnapshotInput!) { restoreSnapshot(input: $input) { __typename
  ... on RestoreSnapshotPayload { snapshot { id } } ... on Error { message } } }`;

/** Wall time of `work` in ms, with its result. */
export async function timeMs<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * The workspace benches' common ground: the whole platform (API here, worker in its own process,
 * real Docker) on an S3 server of its own that logs every request, and one session whose
 * workspace holds WORKSPACE_FILES, never synced yet. Next to it, `twin`: a copy of the session's
 * container (same image and limits) on the same workspace volume, which writes the files and
 * runs the upload baselines; `raw` makes and removes such copies.
 */
export class WorkspaceFixture {
  readonly s3 = new S3Process({ logRequests: true });
  readonly stack = new RunStack();
  raw!: RawDocker;
  /** Global id of the session, for the API. */
  sessionId!: string;
  names!: SessionResourceNames;
  twin!: string;
  private twinRunning = false;
  benchDir!: string;
  private presigner!: S3Client;
  private jobs = 0;
  private marks = 0;

  /** The fixture of this run, made once for every bench that asks. */
  static shared(shared: SharedSetup): Promise<WorkspaceFixture> {
    return shared.get('workspace', async () => {
      const fixture = new WorkspaceFixture();
      try {
        await fixture.start();
      } catch (error) {
        await fixture.dispose();
        throw error;
      }
      return { value: fixture, dispose: () => fixture.dispose() };
    });
  }

  private async start(): Promise<void> {
    this.benchDir = await mkdtemp(join(process.env.TEST_DATA_DIR ?? tmpdir(), 'bench-workspace-'));
    // The containers' user (1000) reads the directory through its bind mount.
    await chmod(this.benchDir, 0o755);
    await copyFile(
      new URL('./container-tasks.mjs', import.meta.url),
      join(this.benchDir, 'container-tasks.mjs'),
    );
    await chmod(join(this.benchDir, 'container-tasks.mjs'), 0o644);
    await this.s3.start();
    await this.stack.start((config) => ({
      ...config,
      s3: { ...config.s3, endpoint: this.s3.endpoint, publicEndpoint: undefined },
    }));
    const { config, api } = this.stack;
    this.raw = new RawDocker(api.services.docker, config.redis.prefix);
    // Signed for the endpoint the containers reach storage at, as the server signs for executors.
    this.presigner = new S3Client({
      endpoint: publicS3Endpoint(config.s3, 'docker'),
      region: config.s3.region,
      forcePathStyle: config.s3.forcePathStyle,
      credentials:
        config.s3.accessKeyId && config.s3.secretAccessKey
          ? { accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey }
          : undefined,
    });

    this.sessionId = await this.stack.createSession('bench workspace');
    this.names = sessionResourceNames(config.redis.prefix, decodeGlobalID(this.sessionId).id);
    await this.activate();
    this.twin = this.raw.name('twin');
    await this.raw.run(
      this.twin,
      await this.raw.copyOf(
        this.names.container,
        {
          workspace: this.names.workspaceVolume,
          agentData: this.raw.name('twin-agent'),
          benchDir: this.benchDir,
        },
        { network: this.names.network, keepAlive: true },
      ),
    );
    this.twinRunning = true;
    const filled = await this.task(this.twin, 'fill', { files: WORKSPACE_FILES });
    console.log(
      `  workspace filled: ${filled.files} files, ${megabytes(filled.bytes)} (${filled.ms.toFixed(0)} ms)`,
    );
  }

  /** Removes the twin (when it is still there): nothing but the session then uses its volumes. */
  async releaseTwin(): Promise<void> {
    if (this.twinRunning) await this.raw.remove(this.twin);
    this.twinRunning = false;
  }

  async dispose(): Promise<void> {
    // The raw containers first: the twin holds the session's volume, which the stack's stop removes.
    await this.raw?.dispose().catch((error: unknown) => console.error('raw containers not removed', error));
    await this.stack.stop().catch((error: unknown) => console.error('stack stop failed', error));
    this.presigner?.destroy();
    await this.s3.dispose();
    if (this.benchDir) await rm(this.benchDir, { recursive: true, force: true });
  }

  get dbId(): string {
    return decodeGlobalID(this.sessionId).id;
  }

  // --- The platform, through the API as a client calls it.

  async activate(): Promise<void> {
    await this.mutation('activateSession', ACTIVATE, { sessionId: this.sessionId });
  }

  async stop(): Promise<void> {
    await this.mutation('stopSession', STOP, { sessionId: this.sessionId });
  }

  async sync(): Promise<SnapshotInfo> {
    return (
      await this.mutation<{ snapshot: SnapshotInfo }>('syncSession', SYNC, { sessionId: this.sessionId })
    ).snapshot;
  }

  async restore(snapshotId: string): Promise<void> {
    await this.mutation('restoreSnapshot', RESTORE, { snapshotId });
  }

  /** Removes the stopped session as the LC3 sweep does once its time is up (container, volumes, network). */
  async removeStopped(): Promise<void> {
    const { services } = this.stack.api;
    const later = new Date(Date.now() + (this.stack.config.sessions.removeAfterSeconds + 60) * 1000);
    // The twin holds the workspace volume, which the session's removal deletes.
    await this.releaseTwin();
    const { removed, failed } = await services.lifecycle.sweepRemove(later);
    if (removed !== 1)
      throw new Error(`the remove sweep removed ${removed} sessions (${failed} failed), not the bench's one`);
  }

  /** The session's latest snapshot's files (path, blob, size) and its global id. */
  async latestSnapshot(): Promise<{ id: string; files: SyncFileEntry[] } | null> {
    const { snapshots } = this.stack.api.services;
    const latest = await snapshots.latestOfSession(this.dbId);
    if (!latest) return null;
    const found = await snapshots.withFiles(latest.id);
    return { id: encodeGlobalID('Snapshot', latest.id), files: found?.files ?? [] };
  }

  /** Empties the session's /workspace from inside its container (its agent data stays). */
  async emptyWorkspace(): Promise<void> {
    await execInContainer(this.stack.api.services.docker, this.names.container, [
      'node',
      '-e',
      "const fs = require('fs'); for (const e of fs.readdirSync('/workspace')) fs.rmSync('/workspace/' + e, { recursive: true, force: true })",
    ]);
  }

  private async mutation<T = unknown>(
    field: string,
    document: string,
    input: Record<string, unknown>,
  ): Promise<T> {
    const response = await this.stack.query(document, { input });
    const payload = response.data?.[field] as ({ __typename: string } & T) | undefined;
    if (!payload?.__typename.endsWith('Payload'))
      throw new Error(`${field} failed: ${JSON.stringify(response)}`);
    return payload;
  }

  // --- Raw: storage and containers without the platform.

  presignPut(key: string): Promise<string> {
    const command = new PutObjectCommand({ Bucket: this.stack.config.s3.bucket, Key: key });
    return getSignedUrl(this.presigner, command, { expiresIn: URL_TTL_SECONDS });
  }

  presignGet(sha256: string): Promise<string> {
    const command = new GetObjectCommand({ Bucket: this.stack.config.s3.bucket, Key: blobKey(sha256) });
    return getSignedUrl(this.presigner, command, { expiresIn: URL_TTL_SECONDS });
  }

  /** Runs container-tasks.mjs in a container that mounts the job directory at /bench. */
  async task(
    container: string,
    mode: 'fill' | 'put' | 'get' | 'walk-put',
    job: unknown,
  ): Promise<TaskResult> {
    const file = `job-${++this.jobs}.json`;
    await writeFile(join(this.benchDir, file), JSON.stringify(job), { mode: 0o644 });
    const output = await execInContainer(this.stack.api.services.docker, container, [
      'node',
      '/bench/container-tasks.mjs',
      mode,
      `/bench/${file}`,
    ]);
    return JSON.parse(output.trim().split('\n').at(-1)!) as TaskResult;
  }

  /**
   * The requests storage answered while `work` ran: between two marker requests the bench sends
   * itself, so requests still in the log's pipe are not missed and nothing before or after counts.
   */
  async storageRequestsDuring<T>(work: () => Promise<T>): Promise<{ value: T; requests: S3Request[] }> {
    const from = await this.mark();
    const value = await work();
    const to = await this.mark();
    return { value, requests: this.s3.requests.slice(from + 1, to) };
  }

  private async mark(): Promise<number> {
    const { storage } = this.stack.api.services;
    const key = `bench-marks/${++this.marks}`;
    // Absent: answered 404, which the log records like any other request.
    await storage.client
      .send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }))
      .catch(() => undefined);
    const path = `/${storage.bucket}/${key}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const index = this.s3.requests.findLastIndex((request) => request.path === path);
      if (index >= 0) return index;
      if (Date.now() > deadline) throw new Error(`the S3 server's log never showed ${path}`);
      await sleep(5);
    }
  }
}
