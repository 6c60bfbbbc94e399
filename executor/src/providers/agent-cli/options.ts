import { z } from 'zod';
import { ClassifiedError } from '../../runs/classified-error.js';

/**
 * A working directory inside the workspace: relative, no "..". The server validates app options
 * before a run; the executor checks again because it is the one that spawns the process.
 */
export const relativeDir = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !value.split(/[\\/]/).includes('..'), {
    message: 'must be a path inside the workspace, relative, without ".."',
  });

/** Parses provider options with a schema; a mistake fails the run with what to fix. */
export function parseOptions<T>(provider: string, schema: z.ZodType<T>, options: unknown): T {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`,
  );
  throw new ClassifiedError(
    'provider_error',
    `invalid ${provider} options: ${problems.join('; ')}`,
    `Fix the app's ${provider} options (${problems.join('; ')}).`,
  );
}
