import { z } from 'zod';
import {
  type HumanLoopAnswerRequest,
  type ProviderName,
  type RuntimeCheckRequest,
  type RuntimeFixupsRequest,
  type RuntimeSeedRequest,
  type StartRunRequest,
  type SyncFileEntry,
  type SyncRestoreRequest,
  type SyncUploadRequest,
  workspacePathProblem,
} from '../protocol.js';

const PROVIDER_NAMES = [
  'scripted',
  'claude-code',
  'codex-cli',
  'opencode',
] as const satisfies readonly ProviderName[];

/** Run ids travel in URL paths, so they stay in a URL-safe alphabet. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const startRunRequestSchema = z.strictObject({
  runId: z.string().regex(RUN_ID_PATTERN, 'must be 1-128 characters of A-Z a-z 0-9 . _ : -'),
  provider: z.enum(PROVIDER_NAMES),
  model: z.string().min(1).max(200),
  prompt: z.string().min(1),
  systemPrompt: z.string().nullish(),
  resumeId: z.string().min(1).nullish(),
  options: z.record(z.string(), z.unknown()).optional(),
  humanLoopDeadlineSeconds: z
    .number()
    .int()
    .positive()
    .max(7 * 24 * 3600)
    .optional(),
}) satisfies z.ZodType<StartRunRequest>;

export const humanLoopAnswerSchema = z.strictObject({
  answer: z.string().max(100_000),
}) satisfies z.ZodType<HumanLoopAnswerRequest>;

const syncFileEntrySchema = z.strictObject({
  path: z.string().min(1).max(4096),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256'),
  size: z.number().int().min(0),
  mode: z.number().int().min(0).max(0o7777),
  mtimeMs: z.number().min(0),
}) satisfies z.ZodType<SyncFileEntry>;

const concurrency = z.number().int().min(1).max(64).optional();

export const syncUploadRequestSchema = z.strictObject({
  uploads: z.array(z.strictObject({ sha256: z.string(), path: z.string().min(1).max(4096), url: z.url() })),
  concurrency,
}) satisfies z.ZodType<SyncUploadRequest>;

export const syncRestoreRequestSchema = z.strictObject({
  files: z.array(syncFileEntrySchema),
  urls: z.record(z.string(), z.url()),
  mode: z.enum(['replace', 'keep_session']),
  concurrency,
}) satisfies z.ZodType<SyncRestoreRequest>;

/** The server validated these paths already; the executor checks them again before touching a file. */
const workspacePath = (glob = false) =>
  z.string().superRefine((value, context) => {
    const problem = workspacePathProblem(value, { glob });
    if (problem !== null)
      context.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${problem}` });
  });

const RUNTIME_LIST_MAX = 1_000;

export const runtimeSeedRequestSchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        path: workspacePath(),
        content: z.string(),
        mode: z.number().int().min(0).max(0o777),
        overwrite: z.boolean(),
      }),
    )
    .max(RUNTIME_LIST_MAX),
}) satisfies z.ZodType<RuntimeSeedRequest>;

export const runtimeFixupsRequestSchema = z.strictObject({
  cleanupRules: z.array(workspacePath(true)).max(RUNTIME_LIST_MAX),
  protectedPaths: z.array(workspacePath()).max(RUNTIME_LIST_MAX),
  mountPoints: z.array(workspacePath()).max(RUNTIME_LIST_MAX),
}) satisfies z.ZodType<RuntimeFixupsRequest>;

export const runtimeCheckRequestSchema = z.strictObject({
  requiredPaths: z.array(workspacePath()).max(RUNTIME_LIST_MAX),
}) satisfies z.ZodType<RuntimeCheckRequest>;
