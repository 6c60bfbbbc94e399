import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInWorkspace, writeWorkspaceFile } from '../../workspace/safe-path.js';

/** The scripted agent's file tools; every path goes through the workspace path checks. */

export async function writeFileInWorkspace(
  workspaceDir: string,
  relativePath: string,
  content: string,
): Promise<{ path: string; bytes: number }> {
  await writeWorkspaceFile(workspaceDir, relativePath, content);
  return { path: relativePath, bytes: Buffer.byteLength(content, 'utf8') };
}

/** The file's text, or null when there is no such file. */
export async function readFileInWorkspace(
  workspaceDir: string,
  relativePath: string,
): Promise<string | null> {
  const target = await resolveInWorkspace(workspaceDir, relativePath);
  try {
    return await readFile(target, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Sorted paths (relative to the directory) of every file below it, or null when it does not exist. */
export async function listFilesInWorkspace(
  workspaceDir: string,
  relativeDir: string,
): Promise<string[] | null> {
  const root = await resolveInWorkspace(workspaceDir, relativeDir);
  const files: string[] = [];
  try {
    await walk(root, '', files);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  return files.sort();
}

async function walk(absoluteDir: string, relativeDir: string, into: string[]): Promise<void> {
  for (const entry of await readdir(absoluteDir, { withFileTypes: true })) {
    const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    // Symlinked directories are listed as entries, never entered: they may point outside.
    if (entry.isDirectory()) await walk(path.join(absoluteDir, entry.name), relative, into);
    else into.push(relative);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
