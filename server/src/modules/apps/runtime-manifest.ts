import { z } from 'zod';
import {
  cleanupRuleRegExp,
  isSameOrInside,
  workspacePathProblem,
} from '../../../../executor/src/protocol.js';
import { ValidationError, type FieldIssue } from '../../errors.js';

/** Who wins when a seed file meets a file the session already has (WS4). */
export const CONFLICT_POLICIES = ['keep_session', 'keep_seed'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** Mode of a seed file that names none. */
export const DEFAULT_SEED_MODE = 0o644;

/** A file every new container of the app's sessions starts with (restore plan L1). */
export interface SeedFile {
  path: string;
  /** UTF-8 text. */
  content: string;
  /** Permission bits; null: 0o644. */
  mode: number | null;
}

/**
 * What an app's sessions need in their workspace beyond the image (WS4): files to seed,
 * directories to create, stale files to clean up, paths a run cannot do without, paths the
 * platform never touches, and who wins a conflict. Stored with the app, applied by the restore
 * plan (WS5) whenever a container is created.
 */
export interface RuntimeManifest {
  /** The app's runtime generation; recorded with each snapshot so a restore can tell it apart. */
  runtimeVersion: string;
  seedFiles: SeedFile[];
  mountPoints: string[];
  cleanupRules: string[];
  requiredPaths: string[];
  protectedPaths: string[];
  conflictPolicy: ConflictPolicy;
}

const MAX_PATHS = 200;
const MAX_SEED_FILES = 200;
const MAX_SEED_BYTES = 1024 * 1024;
const MAX_TOTAL_SEED_BYTES = 4 * 1024 * 1024;

const workspacePath = (glob = false) =>
  z.string().superRefine((value, context) => {
    const problem = workspacePathProblem(value, { glob });
    if (problem !== null)
      context.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${problem}` });
  });

const pathList = (glob = false) => z.array(workspacePath(glob)).max(MAX_PATHS).default([]);

const seedFileSchema = z.strictObject({
  path: workspacePath(),
  content: z.string().refine((content) => Buffer.byteLength(content, 'utf8') <= MAX_SEED_BYTES, {
    message: `must be at most ${MAX_SEED_BYTES} bytes`,
  }),
  mode: z
    .number()
    .int()
    .min(0)
    .max(0o777, 'must be permission bits from 0 to 511 (0o777)')
    .nullish()
    .transform((mode) => mode ?? null),
});

/** The one validator of runtime manifests: shape and paths first, then how the parts fit together. */
export const runtimeManifestSchema = z
  .strictObject({
    runtimeVersion: z.string().trim().min(1, 'must not be empty').max(100),
    seedFiles: z.array(seedFileSchema).max(MAX_SEED_FILES).default([]),
    mountPoints: pathList(),
    cleanupRules: pathList(true),
    requiredPaths: pathList(),
    protectedPaths: pathList(),
    conflictPolicy: z.enum(CONFLICT_POLICIES).default('keep_session'),
  })
  .superRefine((manifest, context) => {
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    const total = manifest.seedFiles.reduce((sum, file) => sum + Buffer.byteLength(file.content, 'utf8'), 0);
    if (total > MAX_TOTAL_SEED_BYTES)
      issue(['seedFiles'], `hold ${total} bytes together; at most ${MAX_TOTAL_SEED_BYTES} are allowed`);

    const seeds = manifest.seedFiles.map((file) => file.path);
    seeds.forEach((path, index) => {
      const other = seeds.findIndex((candidate, at) => at !== index && isSameOrInside(path, candidate));
      if (other !== -1 && (seeds[other] !== path || other < index))
        issue(
          ['seedFiles', index, 'path'],
          seeds[other] === path
            ? `${JSON.stringify(path)} is seeded twice`
            : `${JSON.stringify(path)} is inside the seed file ${JSON.stringify(seeds[other])}, which is a file`,
        );
    });
    manifest.mountPoints.forEach((dir, index) => {
      const seed = seeds.find((path) => isSameOrInside(dir, path));
      if (seed !== undefined)
        issue(
          ['mountPoints', index],
          `${JSON.stringify(dir)} is the seed file ${JSON.stringify(seed)} or inside it`,
        );
    });
    // L4 runs after L1: a rule that deletes what the manifest itself provides is a mistake.
    manifest.cleanupRules.forEach((rule, index) => {
      const pattern = cleanupRuleRegExp(rule);
      const hits = (path: string) => [...ancestors(path)].some((candidate) => pattern.test(candidate));
      const seed = seeds.find(hits);
      if (seed !== undefined)
        issue(
          ['cleanupRules', index],
          `${JSON.stringify(rule)} would delete the seed file ${JSON.stringify(seed)}`,
        );
      const required = manifest.requiredPaths.find(hits);
      if (required !== undefined)
        issue(
          ['cleanupRules', index],
          `${JSON.stringify(rule)} would delete the required path ${JSON.stringify(required)}`,
        );
    });
  });

/** The path and every directory above it inside the workspace (deleting any of them deletes it). */
function* ancestors(path: string): Generator<string> {
  for (let current = path; current.lastIndexOf('/') > 0; current = current.slice(0, current.lastIndexOf('/')))
    yield current;
}

/**
 * A runtime manifest from untrusted input, or a ValidationError whose field errors name each
 * refused field (under `at`, e.g. ["runtimeManifest", "seedFiles", "2", "path"]) and path.
 */
export function parseRuntimeManifest(input: unknown, at: string[] = ['runtimeManifest']): RuntimeManifest {
  const result = runtimeManifestSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    `the runtime manifest was refused: ${result.error.issues[0]?.message ?? 'invalid'}`,
    runtimeManifestIssues(result.error, at),
  );
}

/** Zod's issues as field errors under `at`. */
export function runtimeManifestIssues(error: z.ZodError, at: string[]): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...at, ...issue.path.map(String)],
    message: issue.message,
  }));
}
