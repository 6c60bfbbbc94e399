import { z } from 'zod';

/** Durations in config are plain numbers of seconds: easy to set from a shell and to read in a log. */
const seconds = z.coerce.number().int().positive();

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const schema = z
  .object({
    /** development, test or production; production refuses default credentials. */
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Interface and port the API server listens on. */
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /** Postgres connection string. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    /** Redis connection string (BullMQ queues and pub/sub). */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }),
    /** Prefix for every Redis key and channel, so several deployments or test files can share a server. */
    REDIS_PREFIX: z.string().default('ab'),
    /** S3-compatible storage for workspace snapshots. */
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_BUCKET: z.string().default('agentbench'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: booleanish.default(true),
    /**
     * Endpoint in the presigned URLs handed to executors, which must be able to reach it. Default:
     * S3_ENDPOINT, with 127.0.0.1/localhost replaced by host.docker.internal for the docker runtime.
     */
    S3_PUBLIC_ENDPOINT: z.url().optional(),
    /** How long a presigned snapshot URL stays valid, in seconds. */
    SYNC_URL_TTL: seconds.default(900),
    /** Docker engine address (unix:///var/run/docker.sock by default, or tcp://host:port). */
    DOCKER_HOST: z.string().optional(),
    /** Where sessions run: docker (containers), process (unsandboxed child processes), or auto. */
    SESSION_RUNTIME: z.enum(['auto', 'docker', 'process']).default('auto'),
    /** Image for session containers; unset builds and uses the local session image. */
    SESSION_IMAGE: z.string().optional(),
    /**
     * Host node_modules with the agent CLIs, mounted read-only into session containers; `none`: no
     * mount. Default: for the local session image, the node_modules the executor bundle resolves from.
     */
    SESSION_AGENT_CLIS_DIR: z.string().min(1).optional(),
    /** Directory for the process runtime's workspaces. */
    SESSION_DATA_DIR: z.string().default('.data/sessions'),
    /** Limits of each session container. */
    SESSION_MEMORY_MB: z.coerce.number().int().min(128).default(2048),
    SESSION_CPUS: z.coerce.number().positive().max(64).default(1),
    SESSION_PIDS_LIMIT: z.coerce.number().int().min(16).default(512),
    /** LC2: a running session without activity for this long is synced, then stopped (seconds). */
    SESSION_IDLE_STOP_AFTER: seconds.default(900),
    /** LC3: a session stopped for this long is removed, container and volumes (seconds). */
    SESSION_REMOVE_AFTER: seconds.default(86_400),
    /** How often the idle-stop and remove sweeps run (seconds). */
    SESSION_SWEEP_EVERY: seconds.default(30),
    /** LC6: how often the database is reconciled with the runtime and the run queue (seconds). */
    RECONCILE_EVERY: seconds.default(60),
    /** A session in STARTING, IDLE_STOPPING or REMOVING for this long is stuck; reconciliation repairs it (seconds). */
    SESSION_STALE_AFTER: seconds.default(1800),
    /** Snapshot retention: the newest this many of each session are always kept. */
    SNAPSHOT_KEEP_LAST: z.coerce.number().int().min(1).default(50),
    /** Snapshot retention: snapshots younger than this many days are always kept (0: none for their age). */
    SNAPSHOT_KEEP_DAYS: z.coerce.number().int().min(0).default(30),
    /**
     * A blob no snapshot references is deleted once nothing relied on it for this long (seconds).
     * At least an hour: a shorter one would make long syncs fail and start again.
     */
    BLOB_GC_GRACE: seconds.min(3600).default(86_400),
    /** How often snapshot retention and blob garbage collection run (seconds). */
    STORAGE_GC_EVERY: seconds.default(3600),
    /** Runs a worker process works on at once. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    /** The admin account created on first start. */
    // Not z.email(): a local address such as admin@localhost is a valid login here.
    ADMIN_EMAIL: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, 'must look like name@host')
      .default('admin@localhost'),
    ADMIN_PASSWORD: z.string().min(1).default('admin'),
    /** How long a token from `login` stays valid, in seconds (default 30 days). */
    AUTH_TOKEN_TTL: seconds.default(30 * 24 * 3600),
    /** pino log level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Agent endpoints and keys of this deployment (vendor API, gateway, proxy or local model). */
    ANTHROPIC_BASE_URL: z.url().optional(),
    ANTHROPIC_API_KEY: z.string().min(1).optional(),
    CODEX_BASE_URL: z.url().optional(),
    CODEX_API_KEY: z.string().min(1).optional(),
    OPENCODE_BASE_URL: z.url().optional(),
    OPENCODE_API_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.ADMIN_PASSWORD === 'admin') {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'set ADMIN_PASSWORD to a secret of your own: the default password is refused in production',
      });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  http: { host: string; port: number };
  databaseUrl: string;
  redis: { url: string; prefix: string };
  s3: {
    endpoint: string | undefined;
    region: string;
    bucket: string;
    accessKeyId: string | undefined;
    secretAccessKey: string | undefined;
    forcePathStyle: boolean;
    /** Endpoint for presigned URLs; undefined: derived from `endpoint` and the runtime. */
    publicEndpoint: string | undefined;
  };
  sync: { urlTtlSeconds: number };
  /** LC6 reconciliation. */
  reconcile: { everySeconds: number; staleAfterSeconds: number };
  /** Snapshot retention and blob garbage collection. */
  storageGc: { keepLast: number; keepDays: number; blobGraceSeconds: number; everySeconds: number };
  docker: { host: string | undefined };
  sessions: {
    runtime: 'auto' | 'docker' | 'process';
    image: string | undefined;
    /** Host directory of agent CLIs to mount into containers; null: none; undefined: the default. */
    agentClisDir: string | null | undefined;
    dataDir: string;
    memoryMb: number;
    cpus: number;
    pidsLimit: number;
    idleStopAfterSeconds: number;
    removeAfterSeconds: number;
    sweepEverySeconds: number;
  };
  worker: { concurrency: number };
  admin: { email: string; password: string };
  auth: { tokenTtlSeconds: number };
  logLevel: Env['LOG_LEVEL'];
  /** Per provider: the deployment's endpoint and key; `keys` are named keys apps pick with `apiKeyRef`. */
  agents: AgentEndpoints;
}

export interface AgentEndpoint {
  baseUrl: string | undefined;
  apiKey: string | undefined;
}

export interface AgentEndpoints {
  claudeCode: AgentEndpoint;
  codexCli: AgentEndpoint;
  opencode: AgentEndpoint;
  /** From `AGENT_KEY_<NAME>` variables: secrets an app names in its options, never stored with it. */
  keys: Record<string, string>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const AGENT_KEY_PREFIX = 'AGENT_KEY_';

function namedAgentKeys(source: NodeJS.ProcessEnv): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (name.startsWith(AGENT_KEY_PREFIX) && name.length > AGENT_KEY_PREFIX.length && value)
      keys[name.slice(AGENT_KEY_PREFIX.length)] = value;
  }
  return keys;
}

/** The one reader of the process environment: everything else receives a validated Config. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT },
    databaseUrl: env.DATABASE_URL,
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    s3: {
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      publicEndpoint: env.S3_PUBLIC_ENDPOINT,
    },
    sync: { urlTtlSeconds: env.SYNC_URL_TTL },
    reconcile: { everySeconds: env.RECONCILE_EVERY, staleAfterSeconds: env.SESSION_STALE_AFTER },
    storageGc: {
      keepLast: env.SNAPSHOT_KEEP_LAST,
      keepDays: env.SNAPSHOT_KEEP_DAYS,
      blobGraceSeconds: env.BLOB_GC_GRACE,
      everySeconds: env.STORAGE_GC_EVERY,
    },
    docker: { host: env.DOCKER_HOST },
    sessions: {
      runtime: env.SESSION_RUNTIME,
      image: env.SESSION_IMAGE,
      agentClisDir: env.SESSION_AGENT_CLIS_DIR === 'none' ? null : env.SESSION_AGENT_CLIS_DIR,
      dataDir: env.SESSION_DATA_DIR,
      memoryMb: env.SESSION_MEMORY_MB,
      cpus: env.SESSION_CPUS,
      pidsLimit: env.SESSION_PIDS_LIMIT,
      idleStopAfterSeconds: env.SESSION_IDLE_STOP_AFTER,
      removeAfterSeconds: env.SESSION_REMOVE_AFTER,
      sweepEverySeconds: env.SESSION_SWEEP_EVERY,
    },
    worker: { concurrency: env.WORKER_CONCURRENCY },
    admin: { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD },
    auth: { tokenTtlSeconds: env.AUTH_TOKEN_TTL },
    logLevel: env.LOG_LEVEL,
    agents: {
      claudeCode: { baseUrl: env.ANTHROPIC_BASE_URL, apiKey: env.ANTHROPIC_API_KEY },
      codexCli: { baseUrl: env.CODEX_BASE_URL, apiKey: env.CODEX_API_KEY },
      opencode: { baseUrl: env.OPENCODE_BASE_URL, apiKey: env.OPENCODE_API_KEY },
      keys: namedAgentKeys(source),
    },
  };
}
