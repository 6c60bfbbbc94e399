import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

/** A path an agent named that would leave the workspace, or is not a path at all. */
export class UnsafePathError extends Error {
  constructor(
    readonly requested: string,
    reason: string,
  ) {
    super(`refused path ${JSON.stringify(requested)}: ${reason}`);
    this.name = 'UnsafePathError';
  }
}

/**
 * Resolves a workspace-relative path to an absolute one that stays inside the workspace: no NUL,
 * no absolute paths, no `..`, and no symlink (anywhere along the path) that points outside.
 */
export async function resolveInWorkspace(workspaceDir: string, requested: string): Promise<string> {
  if (requested.includes('\0')) throw new UnsafePathError(requested, 'it contains a NUL character');
  if (path.isAbsolute(requested) || /^[A-Za-z]:/.test(requested))
    throw new UnsafePathError(requested, 'it is absolute');
  if (requested.split(/[\\/]/).includes('..')) throw new UnsafePathError(requested, 'it contains ".."');

  const root = await realpath(workspaceDir);
  const target = path.resolve(root, requested);
  if (!isInside(root, target)) throw new UnsafePathError(requested, 'it leaves the workspace');

  // The lexical check is not enough: a symlink inside the workspace may point anywhere. Resolve the
  // longest part of the path that exists; whatever does not exist yet cannot be a link.
  let existing = target;
  while (!(await exists(existing))) existing = path.dirname(existing);
  let resolved: string;
  try {
    resolved = await realpath(existing);
  } catch {
    throw new UnsafePathError(requested, 'it goes through a dangling symlink');
  }
  if (!isInside(root, resolved))
    throw new UnsafePathError(requested, 'a symlink on it points outside the workspace');
  return path.join(resolved, path.relative(existing, target));
}

/** Writes a file inside the workspace, creating parent directories; never follows a final symlink. */
export async function writeWorkspaceFile(
  workspaceDir: string,
  requested: string,
  content: string,
): Promise<string> {
  const target = await resolveInWorkspace(workspaceDir, requested);
  await mkdir(path.dirname(target), { recursive: true });
  // O_NOFOLLOW: a link planted between the check and the write must not redirect it.
  const file = await open(
    target,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    await file.writeFile(content, 'utf8');
  } finally {
    await file.close();
  }
  return target;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

async function exists(candidate: string): Promise<boolean> {
  try {
    await lstat(candidate);
    return true;
  } catch {
    return false;
  }
}
