import {
  DEFAULT_SEED_MODE,
  type RuntimeManifest,
  type SeedFile,
} from '../../../server/src/modules/apps/runtime-manifest.js';
import { builder } from '../builder.js';

export const ConflictPolicyEnum = builder.enumType('ConflictPolicy', {
  description: 'Who wins when a seed file meets a file the session already has.',
  values: {
    KEEP_SESSION: {
      value: 'keep_session',
      description: "The session's file stays; the seed file is written only where the session has none.",
    },
    KEEP_SEED: {
      value: 'keep_seed',
      description: "The seed file replaces the session's file, except on protected paths.",
    },
  } as const,
});

const SeedFileRef = builder.objectRef<SeedFile>('SeedFile').implement({
  description: "A text file every new container of the app's sessions starts with.",
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Absolute path inside /workspace.' }),
    content: t.exposeString('content', { description: 'The file as UTF-8 text.' }),
    mode: t.int({
      description: 'Permission bits it is written with, e.g. 420 (0o644) or 493 (0o755).',
      resolve: (file) => file.mode ?? DEFAULT_SEED_MODE,
    }),
  }),
});

export const RuntimeManifestRef = builder.objectRef<RuntimeManifest>('RuntimeManifest').implement({
  description:
    "What the app's sessions need in their workspace beyond the image (WS4). Applied as the restore plan whenever a session's container is created: L0 image, L1 seed files, L2 the session's latest snapshot, L3 its agent data, L4 fix-ups (cleanup rules, then mount points). All paths are absolute and inside /workspace.",
  fields: (t) => ({
    runtimeVersion: t.exposeString('runtimeVersion', {
      description:
        "The runtime's version. Each snapshot records the version its container was set up with; a run after a restore from a snapshot of another version gets a RunWarning.",
    }),
    seedFiles: t.field({
      type: [SeedFileRef],
      description: 'Files written into each new container (L1), as the conflict policy allows.',
      resolve: (manifest) => manifest.seedFiles,
    }),
    mountPoints: t.exposeStringList('mountPoints', {
      description: 'Directories created, with their parents, where missing (L4).',
    }),
    cleanupRules: t.exposeStringList('cleanupRules', {
      description:
        'Paths or globs deleted, with everything under them, after the snapshot is restored (L4), e.g. stale lock and pid files. `*` matches within one path segment, `?` one character, a `**` segment any number of segments. Protected paths are never deleted.',
    }),
    requiredPaths: t.exposeStringList('requiredPaths', {
      description:
        'Paths that must exist before a run starts; a run without them ends BLOCKED with the error class required_paths_missing.',
    }),
    protectedPaths: t.exposeStringList('protectedPaths', {
      description:
        'Paths (a file, or a directory and everything in it) that belong to the session: a seed file there is written only where the session has nothing yet, and cleanup rules never delete there.',
    }),
    conflictPolicy: t.field({
      type: ConflictPolicyEnum,
      description: 'Who wins when a seed file meets a file the session already has. Default KEEP_SESSION.',
      resolve: (manifest) => manifest.conflictPolicy,
    }),
  }),
});

const SeedFileInput = builder.inputType('SeedFileInput', {
  description: 'A seed file of a runtime manifest.',
  fields: (t) => ({
    path: t.string({
      required: true,
      description: 'Absolute path inside /workspace, e.g. "/workspace/.tool-versions".',
    }),
    content: t.string({ required: true, description: 'UTF-8 text, at most 1 MiB.' }),
    mode: t.int({ description: 'Permission bits, 0 to 511; default 420 (0o644).' }),
  }),
});

export const RuntimeManifestInput = builder.inputType('RuntimeManifestInput', {
  description:
    'A runtime manifest (see RuntimeManifest). Every path must be absolute, normalised and inside /workspace; globs only in cleanupRules.',
  fields: (t) => ({
    runtimeVersion: t.string({ required: true, description: 'The runtime\'s version, e.g. "2024.11".' }),
    seedFiles: t.field({
      type: [SeedFileInput],
      description: 'Files for each new container; at most 200, 4 MiB together.',
    }),
    mountPoints: t.stringList({ description: 'Directories to create where missing.' }),
    cleanupRules: t.stringList({
      description: 'Paths or globs (*, ?, **) to delete after the snapshot is restored.',
    }),
    requiredPaths: t.stringList({ description: 'Paths a run cannot start without.' }),
    protectedPaths: t.stringList({
      description: 'Paths seed files never overwrite and cleanup never deletes.',
    }),
    conflictPolicy: t.field({ type: ConflictPolicyEnum, description: 'Default KEEP_SESSION.' }),
  }),
});

/** The GraphQL input as the plain object the manifest validator reads: absent lists take defaults. */
export function runtimeManifestFromInput(
  input: typeof RuntimeManifestInput.$inferInput | null | undefined,
): Record<string, unknown> | null | undefined {
  if (input == null) return input;
  const defined = Object.entries(input).filter(([, value]) => value != null);
  return Object.fromEntries(defined);
}
