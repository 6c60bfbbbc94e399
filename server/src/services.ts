import type Docker from 'dockerode';
import type { Config } from './config.js';
import { initOrm, type Orm } from './db/orm.js';
import { connectDocker } from './docker/docker-engine.js';
import type { Logger } from './logger.js';
import { AppRepository } from './modules/apps/app.repository.js';
import { AppService } from './modules/apps/app.service.js';
import { ApiTokenRepository } from './modules/auth/api-token.repository.js';
import { AuthService } from './modules/auth/auth.service.js';
import { SessionRepository } from './modules/sessions/session.repository.js';
import { SessionService } from './modules/sessions/session.service.js';
import { SessionLifecycleService } from './modules/sessions/session-lifecycle.service.js';
import { UserRepository } from './modules/users/user.repository.js';
import { UserService } from './modules/users/user.service.js';
import { createRunsQueue, type RunJobPayload } from '../../jobs/src/queues/runs.queue.js';
import type { Queue } from 'bullmq';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { HumanLoopRepository } from './modules/human-loop/human-loop.repository.js';
import { HumanLoopService } from './modules/human-loop/human-loop.service.js';
import { RunEventStore } from './modules/runs/run-event.store.js';
import { RunExecutionService } from './modules/runs/run-execution.service.js';
import { RunRepository } from './modules/runs/run.repository.js';
import { RunService } from './modules/runs/run.service.js';
import { TodoRepository } from './modules/todos/todo.repository.js';
import { UsageRepository } from './modules/usage/usage.repository.js';
import { sessionAgentClisDir } from './runtime/agent-clis.js';
import { createRuntime } from './runtime/create-runtime.js';
import type { SessionRuntime } from './runtime/session-runtime.js';
import { RedisPubSub } from './pubsub/redis-pubsub.js';
import { ObjectStorage } from './storage/object-storage.js';
import { BlobStore, publicS3Endpoint } from './storage/blob-store.js';
import { SessionActivator } from './modules/sessions/session-activator.js';
import { SnapshotRepository } from './modules/snapshots/snapshot.repository.js';
import { SessionReconciler } from './modules/sessions/session-reconciler.js';
import { SnapshotRetentionService } from './modules/snapshots/snapshot-retention.service.js';
import { BlobGcService } from './modules/snapshots/blob-gc.service.js';
import { BlobRepository } from './modules/snapshots/blob.repository.js';
import { SnapshotService } from './modules/snapshots/snapshot.service.js';

/** The bundled executor (`npm run build --workspace executor`), mounted into session containers. */
export const EXECUTOR_DIR = fileURLToPath(new URL('../../executor/dist', import.meta.url));

/** Everything a process role needs, built once in its composition root and passed down. */
export interface Services {
  config: Config;
  log: Logger;
  orm: Orm;
  pubsub: RedisPubSub;
  storage: ObjectStorage;
  docker: Docker;
  users: UserService;
  auth: AuthService;
  apps: AppService;
  sessions: SessionService;
  lifecycle: SessionLifecycleService;
  reconciler: SessionReconciler;
  retention: SnapshotRetentionService;
  blobGc: BlobGcService;
  snapshots: SnapshotService;
  runs: RunService;
  runExecution: RunExecutionService;
  humanLoop: HumanLoopService;
  todos: TodoRepository;
  runtime: SessionRuntime;
  runsQueue: Queue<RunJobPayload>;
  close(): Promise<void>;
}

export async function buildServices(config: Config, log: Logger): Promise<Services> {
  const orm = await initOrm(config.databaseUrl);
  const pubsub = new RedisPubSub(config.redis.url, config.redis.prefix, log);
  await pubsub.connect();
  const storage = new ObjectStorage(config.s3);
  const docker = connectDocker(config.docker.host);

  const userRepository = new UserRepository(orm);
  const users = new UserService(userRepository);
  const auth = new AuthService(userRepository, new ApiTokenRepository(orm), {
    tokenTtlSeconds: config.auth.tokenTtlSeconds,
  });
  const apps = new AppService(new AppRepository(orm), userRepository);
  const sessionRepository = new SessionRepository(orm);
  const sessions = new SessionService(sessionRepository, apps, pubsub);
  const runtime = await createRuntime({
    kind: config.sessions.runtime,
    docker,
    namespace: config.redis.prefix,
    dataDir: resolve(config.sessions.dataDir),
    executorDir: EXECUTOR_DIR,
    agentClisDir: sessionAgentClisDir(config.sessions.agentClisDir, config.sessions.image, EXECUTOR_DIR),
    image: config.sessions.image,
    memoryMb: config.sessions.memoryMb,
    cpus: config.sessions.cpus,
    pidsLimit: config.sessions.pidsLimit,
    log,
  });
  const runsQueue = createRunsQueue(config, log);
  const store = new RunEventStore(config.databaseUrl, pubsub, log);
  const runRepository = new RunRepository(orm);
  const blobs = new BlobStore(
    config.s3,
    publicS3Endpoint(config.s3, runtime.kind),
    config.sync.urlTtlSeconds,
  );
  // Syncs refresh a blob's last reference once it is half a grace period old (blob-gc.ts).
  const snapshotRepository = new SnapshotRepository(orm, {
    refreshAfterMs: (config.storageGc.blobGraceSeconds * 1000) / 2,
  });
  const snapshots = new SnapshotService({
    snapshots: snapshotRepository,
    sessions: sessionRepository,
    sessionService: sessions,
    runs: runRepository,
    runtime,
    blobs,
    log,
  });
  const activator = new SessionActivator({ runtime, repository: sessionRepository, snapshots, apps, log });
  const humanLoop = new HumanLoopService(new HumanLoopRepository(orm), sessions, runtime, pubsub, log);
  const runs = new RunService(runRepository, store, sessions, apps, runsQueue, runtime, pubsub, log);
  const runExecution = new RunExecutionService({
    runs: runRepository,
    runService: runs,
    store,
    sessions: sessionRepository,
    sessionService: sessions,
    apps: new AppRepository(orm),
    humanLoop,
    usage: new UsageRepository(orm),
    runtime,
    activator,
    snapshots,
    agents: config.agents,
    log,
  });

  return {
    config,
    log,
    orm,
    pubsub,
    storage,
    docker,
    users,
    auth,
    apps,
    sessions,
    lifecycle: new SessionLifecycleService({
      sessions,
      repository: sessionRepository,
      runs: runRepository,
      apps,
      runtime,
      activator,
      snapshots,
      idleStopAfterSeconds: config.sessions.idleStopAfterSeconds,
      removeAfterSeconds: config.sessions.removeAfterSeconds,
      log,
    }),
    reconciler: new SessionReconciler({
      sessions: sessionRepository,
      sessionService: sessions,
      runs: runRepository,
      runExecution,
      runsQueue,
      runtime,
      snapshots,
      staleAfterSeconds: config.reconcile.staleAfterSeconds,
      log,
    }),
    retention: new SnapshotRetentionService({
      snapshots: snapshotRepository,
      sessions: sessionRepository,
      policy: { keepLast: config.storageGc.keepLast, keepDays: config.storageGc.keepDays },
      log,
    }),
    blobGc: new BlobGcService({
      blobs: new BlobRepository(orm),
      storage,
      graceSeconds: config.storageGc.blobGraceSeconds,
      log,
    }),
    snapshots,
    runs,
    runExecution,
    humanLoop,
    todos: new TodoRepository(orm),
    runtime,
    runsQueue,
    async close() {
      await runsQueue.close();
      await store.close();
      await pubsub.close();
      storage.close();
      blobs.close();
      await orm.close();
    },
  };
}
