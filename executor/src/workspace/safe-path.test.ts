import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInWorkspace, UnsafePathError, writeWorkspaceFile } from './safe-path.js';

let base: string;
let workspace: string;
let outside: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'safe-path-'));
  workspace = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  await mkdir(path.join(workspace, 'src'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), 'secret');
  await symlink(outside, path.join(workspace, 'escape'));
  await symlink(path.join(workspace, 'src'), path.join(workspace, 'src-link'));
  await symlink(path.join(outside, 'not-yet'), path.join(workspace, 'dangling'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveInWorkspace', () => {
  it('resolves relative paths, existing or not, and symlinks that stay inside', async () => {
    await expect(resolveInWorkspace(workspace, 'src/new/file.txt')).resolves.toBe(
      path.join(workspace, 'src/new/file.txt'),
    );
    await expect(resolveInWorkspace(workspace, '.')).resolves.toBe(workspace);
    await expect(resolveInWorkspace(workspace, 'src-link/a.txt')).resolves.toBe(
      path.join(workspace, 'src/a.txt'),
    );
  });

  it.each([
    ['an absolute path', '/etc/passwd', /absolute/],
    ['..', 'src/../../outside/secret.txt', /"\.\."/],
    ['a NUL byte', 'src/a\u0000b', /NUL/],
    ['a symlink pointing out', 'escape/secret.txt', /outside the workspace/],
    ['a symlink pointing out, to a new file', 'escape/new.txt', /outside the workspace/],
    ['a dangling symlink', 'dangling', /dangling symlink/],
  ])('refuses %s', async (_name, requested, reason) => {
    const attempt = resolveInWorkspace(workspace, requested);
    await expect(attempt).rejects.toBeInstanceOf(UnsafePathError);
    await expect(attempt).rejects.toThrow(reason);
  });

  it('writes inside the workspace and never through a link that leads out', async () => {
    await writeWorkspaceFile(workspace, 'src/deep/x.txt', 'hello');
    expect(await readFile(path.join(workspace, 'src/deep/x.txt'), 'utf8')).toBe('hello');
    await expect(writeWorkspaceFile(workspace, 'dangling', 'x')).rejects.toBeInstanceOf(UnsafePathError);
    await expect(writeWorkspaceFile(workspace, 'escape/planted.txt', 'x')).rejects.toBeInstanceOf(
      UnsafePathError,
    );
    await expect(readFile(path.join(outside, 'not-yet'))).rejects.toThrow(/ENOENT/);
    await expect(readFile(path.join(outside, 'planted.txt'))).rejects.toThrow(/ENOENT/);
  });
});
