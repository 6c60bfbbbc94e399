import { z } from 'zod';
import { AGENT_ENV_KEYS, type AgentCliSettings } from './providers/agent-cli/agent-cli-settings.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const envSchema = z.object({
  /** Per-container secret every caller must present as `Authorization: Bearer <token>`. */
  EXECUTOR_TOKEN: z
    .string({ error: 'is required: the secret callers present as a Bearer token' })
    .min(1, 'is required: the secret callers present as a Bearer token'),
  /** Interface to listen on; 0.0.0.0 inside a container so the worker can reach it. */
  EXECUTOR_HOST: z.string().min(1).default('0.0.0.0'),
  /** Port to listen on; 0 picks a free one (the chosen port is logged). */
  EXECUTOR_PORT: z.coerce.number().int().min(0).max(65_535).default(7070),
  /** The session's workspace: the agent's working directory and what workspace sync snapshots. */
  WORKSPACE_DIR: z.string().min(1).default('/workspace'),
  /** Where agent CLIs keep their own state (sessions for resume); synced with the workspace. */
  AGENT_DATA_DIR: z.string().min(1).default('/agent-data'),
  /** A node_modules directory with the agent CLIs' packages; unset: found next to the executor. */
  AGENT_CLIS_DIR: z.string().min(1).optional(),
  /** Threshold of the JSON log lines on stdout. */
  EXECUTOR_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The executor's settings, read once at boot. */
export interface ExecutorConfig {
  token: string;
  host: string;
  port: number;
  workspaceDir: string;
  agentDataDir: string;
  logLevel: LogLevel;
  /**
   * Where the agent CLIs are, and the provider endpoints and keys of this deployment (never logged);
   * null: this executor offers the scripted provider only.
   */
  agentClis: AgentCliSettings | null;
}

/** Validates an environment; throws one message that lists every problem (never the token's value). */
export function parseConfig(env: Record<string, string | undefined>): ExecutorConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid executor configuration: ${problems.join('; ')}`);
  }
  const parsed = result.data;
  return {
    token: parsed.EXECUTOR_TOKEN,
    host: parsed.EXECUTOR_HOST,
    port: parsed.EXECUTOR_PORT,
    workspaceDir: parsed.WORKSPACE_DIR,
    agentDataDir: parsed.AGENT_DATA_DIR,
    logLevel: parsed.EXECUTOR_LOG_LEVEL,
    agentClis: { clisDir: parsed.AGENT_CLIS_DIR ?? null, env: agentEnv(env) },
  };
}

function agentEnv(env: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of AGENT_ENV_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  return picked;
}

/** The only reader of `process.env` in the executor. */
export function loadConfig(): ExecutorConfig {
  return parseConfig(process.env);
}
