import { z } from 'zod';
import type { HumanLoopAnswerRequest, ProviderName, StartRunRequest } from '../protocol.js';

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
