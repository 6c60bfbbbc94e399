import { describe, expect, it } from 'vitest';
import { parseRuntimeManifest, type RuntimeManifest } from '../apps/runtime-manifest.js';
import { planRestore, planSeedFiles, requiredPathsBlock, runtimeVersionWarning } from './restore-plan.js';

const manifest = (overrides: Partial<RuntimeManifest> = {}) =>
  parseRuntimeManifest({
    runtimeVersion: '2',
    seedFiles: [
      { path: '/workspace/README.md', content: 'seed readme' },
      { path: '/workspace/tools/run.sh', content: '#!/bin/sh', mode: 0o755 },
      { path: '/workspace/.env', content: 'SEED=1' },
    ],
    protectedPaths: ['/workspace/.env'],
    ...overrides,
  });

describe('seed planning (L1)', () => {
  it('keep_session: the snapshot’s files win, the rest is seeded without replacing anything', () => {
    const plan = planSeedFiles(manifest(), ['/workspace/README.md', '/agent-data/claude/x.json']);
    expect(plan.kept).toEqual([{ path: '/workspace/README.md', reason: 'session_file' }]);
    expect(plan.files).toEqual([
      { path: '/workspace/tools/run.sh', content: '#!/bin/sh', mode: 0o755, overwrite: false },
      { path: '/workspace/.env', content: 'SEED=1', mode: 0o644, overwrite: false },
    ]);
  });

  it('keep_seed: seed files replace the session’s, except on protected paths', () => {
    const plan = planSeedFiles(manifest({ conflictPolicy: 'keep_seed' }), [
      '/workspace/README.md',
      '/workspace/.env',
    ]);
    expect(plan.kept).toEqual([{ path: '/workspace/.env', reason: 'session_file' }]);
    expect(plan.files.map((file) => [file.path, file.overwrite])).toEqual([
      ['/workspace/README.md', true],
      ['/workspace/tools/run.sh', true],
    ]);
  });

  it('a protected path gets its seed only where the session has nothing, whatever the policy', () => {
    const plan = planSeedFiles(manifest({ conflictPolicy: 'keep_seed' }), []);
    expect(plan.files.find((file) => file.path === '/workspace/.env')).toMatchObject({ overwrite: false });
  });

  it('never plans a file over a session directory, nor a directory over a session file', () => {
    const plan = planSeedFiles(manifest({ conflictPolicy: 'keep_seed' }), [
      '/workspace/README.md/inner.txt',
      '/workspace/tools',
    ]);
    expect(plan.kept).toEqual([
      { path: '/workspace/README.md', reason: 'session_structure' },
      { path: '/workspace/tools/run.sh', reason: 'session_structure' },
    ]);
  });
});

describe('the restore plan', () => {
  it('lists the five layers in order, with the snapshot split into workspace and agent data', () => {
    const plan = planRestore({
      image: null,
      manifest: manifest({ mountPoints: ['/workspace/cache'], cleanupRules: ['/workspace/**/*.lock'] }),
      snapshot: {
        id: 's1',
        runtimeVersion: '2',
        files: [{ path: '/workspace/a.txt' }, { path: '/workspace/b.txt' }, { path: '/agent-data/c.json' }],
      },
    });
    expect(plan.steps.map((step) => step.layer)).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
    expect(plan.steps[2]).toEqual({ layer: 'L2', name: 'session snapshot', snapshotId: 's1', files: 2 });
    expect(plan.steps[3]).toEqual({ layer: 'L3', name: 'agent data', snapshotId: 's1', files: 1 });
    expect(plan.steps[4]).toEqual({
      layer: 'L4',
      name: 'runtime fix-ups',
      fixups: {
        cleanupRules: ['/workspace/**/*.lock'],
        protectedPaths: ['/workspace/.env'],
        mountPoints: ['/workspace/cache'],
      },
    });
    expect(plan).toMatchObject({ runtimeVersion: '2', versionWarning: null });
  });

  it('an app without a manifest and a new session: only the image, nothing else to do', () => {
    const plan = planRestore({ image: 'node:22', manifest: null, snapshot: null });
    expect(plan.steps[1]).toEqual({ layer: 'L1', name: 'seed files', files: [], kept: [] });
    expect(plan.steps[2]).toMatchObject({ snapshotId: null, files: 0 });
    expect(plan).toMatchObject({ runtimeVersion: null, versionWarning: null });
  });

  it('warns when the snapshot was taken under another runtime version than the app runs now', () => {
    const plan = planRestore({
      image: null,
      manifest: manifest(),
      snapshot: { id: 's', runtimeVersion: '1', files: [] },
    });
    expect(plan.versionWarning).toBe(runtimeVersionWarning('1', '2'));
    expect(plan.versionWarning).toContain('"1"');
    expect(plan.versionWarning).toContain('"2"');
    expect(runtimeVersionWarning(null, '2')).toContain('none');
    expect(runtimeVersionWarning(null, null)).toBeNull();
  });

  it('explains a missing required path with the paths and what to do', () => {
    const block = requiredPathsBlock(['/workspace/a', '/workspace/b']);
    expect(block.message).toContain('/workspace/a, /workspace/b');
    expect(block.suggestion).toMatch(/seed files/);
  });
});
