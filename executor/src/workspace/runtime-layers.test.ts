import { lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupRuleRegExp, workspacePathProblem } from '../protocol.js';
import { RuntimeLayers } from './runtime-layers.js';

let base: string;
let workspace: string;
let outside: string;
let layers: RuntimeLayers;

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'runtime-layers-'));
  workspace = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  await mkdir(workspace, { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), 'secret');
  await symlink(outside, path.join(workspace, 'escape'));
  layers = new RuntimeLayers(workspace);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const seed = (file: string, content: string, overwrite: boolean, mode = 0o644) => ({
  path: `/workspace/${file}`,
  content,
  mode,
  overwrite,
});

describe('seed files (L1)', () => {
  it('writes new files with their mode, keeps existing ones unless told to overwrite', async () => {
    await writeFile(path.join(workspace, 'kept.txt'), 'session');
    await writeFile(path.join(workspace, 'replaced.txt'), 'session');
    const result = await layers.seed({
      files: [
        seed('tools/run.sh', '#!/bin/sh\necho hi\n', false, 0o755),
        seed('kept.txt', 'seed', false),
        seed('replaced.txt', 'seed', true),
      ],
    });
    expect(result).toEqual({
      written: ['/workspace/tools/run.sh', '/workspace/replaced.txt'],
      skipped: [{ path: '/workspace/kept.txt', reason: 'exists' }],
    });
    expect(await readFile(path.join(workspace, 'tools/run.sh'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect((await stat(path.join(workspace, 'tools/run.sh'))).mode & 0o777).toBe(0o755);
    expect(await readFile(path.join(workspace, 'kept.txt'), 'utf8')).toBe('session');
    expect(await readFile(path.join(workspace, 'replaced.txt'), 'utf8')).toBe('seed');
  });

  it('never writes through a symlink out of the workspace, nor replaces a directory or a link', async () => {
    await mkdir(path.join(workspace, 'dir'));
    await symlink(path.join(outside, 'secret.txt'), path.join(workspace, 'link.txt'));
    const result = await layers.seed({
      files: [
        seed('escape/secret.txt', 'overwritten', true),
        seed('escape/new.txt', 'planted', true),
        seed('dir', 'x', true),
        seed('link.txt', 'x', true),
      ],
    });
    expect(result.written).toEqual([]);
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['/workspace/escape/secret.txt', 'refused'],
      ['/workspace/escape/new.txt', 'refused'],
      ['/workspace/dir', 'not_a_file'],
      ['/workspace/link.txt', 'refused'],
    ]);
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });
});

describe('fix-ups (L4)', () => {
  it('removes what cleanup rules match, except protected paths, then creates mount points', async () => {
    await mkdir(path.join(workspace, 'app/run'), { recursive: true });
    await mkdir(path.join(workspace, 'data/keep'), { recursive: true });
    await writeFile(path.join(workspace, 'app/run/server.pid'), '42');
    await writeFile(path.join(workspace, 'app/server.pid'), '42');
    await writeFile(path.join(workspace, 'data/keep/db.pid'), '7');
    await writeFile(path.join(workspace, 'app/.lock'), '');
    await writeFile(path.join(workspace, 'app/notes.txt'), 'stay');
    const result = await layers.fixups({
      cleanupRules: ['/workspace/**/*.pid', '/workspace/app/.lock', '/workspace/gone.lock'],
      protectedPaths: ['/workspace/data/keep'],
      mountPoints: ['/workspace/cache/npm', '/workspace/app'],
    });
    expect(result).toEqual({
      removed: ['/workspace/app/run/server.pid', '/workspace/app/server.pid', '/workspace/app/.lock'],
      created: ['/workspace/cache/npm'],
      skipped: [{ path: '/workspace/data/keep/db.pid', reason: 'protected' }],
    });
    expect(await readFile(path.join(workspace, 'data/keep/db.pid'), 'utf8')).toBe('7');
    expect(await readFile(path.join(workspace, 'app/notes.txt'), 'utf8')).toBe('stay');
    expect((await stat(path.join(workspace, 'cache/npm'))).isDirectory()).toBe(true);
  });

  it('deletes a link itself, never what it points to, and never walks out through one', async () => {
    await symlink(path.join(outside, 'secret.txt'), path.join(workspace, 'stale.lock'));
    const result = await layers.fixups({
      cleanupRules: ['/workspace/stale.lock', '/workspace/escape/*.txt', '/workspace/**/secret.txt'],
      protectedPaths: [],
      mountPoints: ['/workspace/escape/made-outside'],
    });
    expect(result.removed).toEqual(['/workspace/stale.lock']);
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['/workspace/escape/*.txt', 'refused'],
      ['/workspace/escape/made-outside', 'refused'],
    ]);
    expect(await lstat(path.join(workspace, 'stale.lock')).catch(() => null)).toBeNull();
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });
});

describe('required paths', () => {
  it('reports the paths that are missing or lead out of the workspace', async () => {
    await mkdir(path.join(workspace, 'config'));
    await writeFile(path.join(workspace, 'config/app.json'), '{}');
    expect(
      await layers.check({
        requiredPaths: [
          '/workspace/config/app.json',
          '/workspace/config',
          '/workspace/missing.txt',
          '/workspace/escape/secret.txt',
        ],
      }),
    ).toEqual({ missing: ['/workspace/missing.txt', '/workspace/escape/secret.txt'] });
  });
});

describe('runtime paths and cleanup globs (shared with the server)', () => {
  it('accepts normalised paths inside /workspace only', () => {
    expect(workspacePathProblem('/workspace/a/b.txt')).toBeNull();
    expect(workspacePathProblem('/etc/passwd')).toMatch(/inside \/workspace/);
    expect(workspacePathProblem('/workspace/../x')).toMatch(/\.\./);
    expect(workspacePathProblem('workspace/x')).toMatch(/absolute/);
    expect(workspacePathProblem('/workspace')).toMatch(/inside/);
    expect(workspacePathProblem('/workspacex/y')).toMatch(/inside/);
    expect(workspacePathProblem('/workspace//x')).toMatch(/normalised/);
    expect(workspacePathProblem('/workspace/x/')).toMatch(/normalised/);
    expect(workspacePathProblem('/workspace/x\ny')).toMatch(/control/);
    expect(workspacePathProblem('/workspace/*.pid')).toMatch(/cleanupRules only/);
    expect(workspacePathProblem('/workspace/*.pid', { glob: true })).toBeNull();
    expect(workspacePathProblem('/workspace/**', { glob: true })).toMatch(/whole workspace/);
  });

  it('matches * within a segment, ? one character and ** across segments', () => {
    const pid = cleanupRuleRegExp('/workspace/**/*.pid');
    expect(pid.test('/workspace/a.pid')).toBe(true);
    expect(pid.test('/workspace/x/y/a.pid')).toBe(true);
    expect(pid.test('/workspace/a.pidx')).toBe(false);
    const one = cleanupRuleRegExp('/workspace/tmp/lock?');
    expect(one.test('/workspace/tmp/lock1')).toBe(true);
    expect(one.test('/workspace/tmp/lock12')).toBe(false);
    expect(one.test('/workspace/tmp/x/lock1')).toBe(false);
    expect(cleanupRuleRegExp('/workspace/a.b').test('/workspace/aXb')).toBe(false);
  });
});
