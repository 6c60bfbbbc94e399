import {
  isSameOrInside,
  type RuntimeFixupsRequest,
  type RuntimeSeedFile,
} from '../../../../executor/src/protocol.js';
import { DEFAULT_SEED_MODE, type RuntimeManifest } from '../apps/runtime-manifest.js';

/** Why a seed file is left out of L1: the session's own files win there. */
export type SeedKeptReason =
  /** The session's snapshot has this file and the policy (or protection) says the session wins. */
  | 'session_file'
  /** The session has a directory at the path, or a file where the seed needs a directory. */
  | 'session_structure';

/** One layer of the restore plan (WS5), in the order they are applied. */
export type RestoreStep =
  | { layer: 'L0'; name: 'image'; image: string | null }
  | {
      layer: 'L1';
      name: 'seed files';
      files: RuntimeSeedFile[];
      kept: { path: string; reason: SeedKeptReason }[];
    }
  | { layer: 'L2'; name: 'session snapshot'; snapshotId: string | null; files: number }
  | { layer: 'L3'; name: 'agent data'; snapshotId: string | null; files: number }
  | { layer: 'L4'; name: 'runtime fix-ups'; fixups: RuntimeFixupsRequest };

/** Everything a new container gets before anything runs in it, decided up front. */
export interface RestorePlan {
  steps: RestoreStep[];
  /** The app's runtime version the container is set up with (null: the app has no manifest). */
  runtimeVersion: string | null;
  /** Set when the snapshot was taken under another runtime version than the app's now. */
  versionWarning: string | null;
}

export interface PlannedSnapshot {
  id: string;
  runtimeVersion: string | null;
  files: readonly { path: string }[];
}

/**
 * The restore plan for a container that was just created (WS5): L0 the image, L1 the app's seed
 * files, L2 the session's latest snapshot, L3 the agent data in it, L4 the runtime fix-ups.
 *
 * L2 and L3 restore only files the container lacks, so after L1 a seed file wins wherever it was
 * written. L1 therefore writes exactly where the session may lose its version: nowhere the
 * snapshot has a file under `keep_session` or on a protected path; under `keep_seed` everywhere else.
 */
export function planRestore(input: {
  image: string | null;
  manifest: RuntimeManifest | null;
  snapshot: PlannedSnapshot | null;
}): RestorePlan {
  const { image, manifest, snapshot } = input;
  const files = snapshot?.files ?? [];
  const seed = manifest
    ? planSeedFiles(
        manifest,
        files.map((file) => file.path),
      )
    : { files: [], kept: [] };
  const runtimeVersion = manifest?.runtimeVersion ?? null;
  return {
    steps: [
      { layer: 'L0', name: 'image', image },
      { layer: 'L1', name: 'seed files', ...seed },
      {
        layer: 'L2',
        name: 'session snapshot',
        snapshotId: snapshot?.id ?? null,
        files: files.filter((file) => file.path.startsWith('/workspace/')).length,
      },
      {
        layer: 'L3',
        name: 'agent data',
        snapshotId: snapshot?.id ?? null,
        files: files.filter((file) => file.path.startsWith('/agent-data/')).length,
      },
      {
        layer: 'L4',
        name: 'runtime fix-ups',
        fixups: {
          cleanupRules: manifest?.cleanupRules ?? [],
          protectedPaths: manifest?.protectedPaths ?? [],
          mountPoints: manifest?.mountPoints ?? [],
        },
      },
    ],
    runtimeVersion,
    versionWarning: snapshot ? runtimeVersionWarning(snapshot.runtimeVersion, runtimeVersion) : null,
  };
}

/**
 * L1: which seed files to write and whether each may replace what the container already has.
 * `sessionPaths`: the files of the session's snapshot (that L2 restores next).
 */
export function planSeedFiles(
  manifest: Pick<RuntimeManifest, 'seedFiles' | 'protectedPaths' | 'conflictPolicy'>,
  sessionPaths: readonly string[],
): { files: RuntimeSeedFile[]; kept: { path: string; reason: SeedKeptReason }[] } {
  const sessionFiles = new Set(sessionPaths);
  const sessionDirs = new Set<string>();
  for (const path of sessionPaths)
    for (let dir = parent(path); dir !== null; dir = parent(dir)) sessionDirs.add(dir);

  const files: RuntimeSeedFile[] = [];
  const kept: { path: string; reason: SeedKeptReason }[] = [];
  for (const seed of manifest.seedFiles) {
    const isProtected = manifest.protectedPaths.some((path) => isSameOrInside(seed.path, path));
    // A file where the seed needs a directory, or a directory where it is a file: neither layer
    // could be written over the other, so the session's shape stays whatever the policy.
    let blocked = sessionDirs.has(seed.path);
    for (let dir = parent(seed.path); dir !== null && !blocked; dir = parent(dir))
      blocked = sessionFiles.has(dir);
    if (blocked) {
      kept.push({ path: seed.path, reason: 'session_structure' });
      continue;
    }
    const sessionWins = isProtected || manifest.conflictPolicy === 'keep_session';
    if (sessionFiles.has(seed.path) && sessionWins) {
      kept.push({ path: seed.path, reason: 'session_file' });
      continue;
    }
    files.push({
      path: seed.path,
      content: seed.content,
      mode: seed.mode ?? DEFAULT_SEED_MODE,
      // Whatever the container itself holds (a volume that outlived its container) is the
      // session's too: only keep_seed replaces it, and never on a protected path.
      overwrite: !sessionWins,
    });
  }
  return { files, kept };
}

/** The warning for a restore across runtime versions, or null when they match. */
export function runtimeVersionWarning(
  snapshotVersion: string | null,
  appVersion: string | null,
): string | null {
  if (snapshotVersion === appVersion) return null;
  const label = (version: string | null) => (version === null ? 'none' : JSON.stringify(version));
  return (
    `the workspace was restored from a snapshot taken under runtime version ${label(snapshotVersion)}, ` +
    `but the app now runs runtime version ${label(appVersion)}: files made under the old runtime may need updating`
  );
}

/** Why a run is blocked when the app's required paths are missing, and what to do about it. */
export function requiredPathsBlock(missing: readonly string[]): { message: string; suggestion: string } {
  return {
    message: `the app requires paths that are missing from the workspace: ${missing.join(', ')}`,
    suggestion:
      "Add them to the app's runtime manifest as seed files or mount points (updateApp), or restore a snapshot that has them, then send the message again.",
  };
}

/** A short account of each layer, for the log: counts and paths, never file contents. */
export function describeStep(step: RestoreStep): Record<string, unknown> {
  switch (step.layer) {
    case 'L0':
      return { image: step.image ?? 'the platform session image' };
    case 'L1':
      return { write: step.files.map((file) => file.path), kept: step.kept };
    case 'L2':
    case 'L3':
      return { snapshotId: step.snapshotId, files: step.files };
    case 'L4':
      return { ...step.fixups };
  }
}

function parent(path: string): string | null {
  const at = path.lastIndexOf('/');
  return at > 0 ? path.slice(0, at) : null;
}
