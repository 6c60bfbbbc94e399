import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.js';
import { parseRuntimeManifest } from './runtime-manifest.js';

function refusal(input: unknown): ValidationError {
  try {
    parseRuntimeManifest(input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

describe('runtime manifest validation', () => {
  it('fills in defaults: empty lists and keep_session', () => {
    expect(parseRuntimeManifest({ runtimeVersion: '1' })).toEqual({
      runtimeVersion: '1',
      seedFiles: [],
      mountPoints: [],
      cleanupRules: [],
      requiredPaths: [],
      protectedPaths: [],
      conflictPolicy: 'keep_session',
    });
  });

  it('accepts a full manifest with globs in cleanup rules', () => {
    const manifest = parseRuntimeManifest({
      runtimeVersion: '2024.11',
      seedFiles: [{ path: '/workspace/.tool-versions', content: 'node 22\n', mode: 0o600 }],
      mountPoints: ['/workspace/.cache/npm'],
      cleanupRules: ['/workspace/**/*.pid', '/workspace/.git/index.lock'],
      requiredPaths: ['/workspace/.tool-versions'],
      protectedPaths: ['/workspace/.env'],
      conflictPolicy: 'keep_seed',
    });
    expect(manifest.seedFiles).toEqual([
      { path: '/workspace/.tool-versions', content: 'node 22\n', mode: 0o600 },
    ]);
    expect(manifest.conflictPolicy).toBe('keep_seed');
  });

  it('refuses paths outside /workspace, with .., relative or not normalised, naming field and path', () => {
    const error = refusal({
      runtimeVersion: '1',
      seedFiles: [{ path: '/etc/passwd', content: 'root::0:0' }],
      mountPoints: ['/workspace/../x'],
      requiredPaths: ['relative/path'],
      protectedPaths: ['/workspace/a//b'],
      cleanupRules: ['/workspace/**'],
    });
    expect(error.fieldErrors).toEqual([
      {
        path: ['runtimeManifest', 'seedFiles', '0', 'path'],
        message: '"/etc/passwd" must be inside /workspace/',
      },
      { path: ['runtimeManifest', 'mountPoints', '0'], message: '"/workspace/../x" must not contain ".."' },
      {
        path: ['runtimeManifest', 'cleanupRules', '0'],
        message: '"/workspace/**" would match the whole workspace',
      },
      {
        path: ['runtimeManifest', 'requiredPaths', '0'],
        message: '"relative/path" must be absolute, inside /workspace/',
      },
      {
        path: ['runtimeManifest', 'protectedPaths', '0'],
        message: '"/workspace/a//b" must be normalised: no "//", "/./" or trailing "/"',
      },
    ]);
    expect(error.message).toContain('/etc/passwd');
  });

  it('refuses globs outside cleanup rules, unknown keys, bad modes and policies', () => {
    const error = refusal({
      runtimeVersion: ' ',
      requiredPaths: ['/workspace/*.json'],
      seedFiles: [{ path: '/workspace/a', content: '', mode: 0o4755 }],
      conflictPolicy: 'newest',
      extra: true,
    });
    expect(error.fieldErrors.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining([
        'runtimeManifest.runtimeVersion',
        'runtimeManifest.requiredPaths.0',
        'runtimeManifest.seedFiles.0.mode',
        'runtimeManifest.conflictPolicy',
        'runtimeManifest',
      ]),
    );
  });

  it('refuses parts that contradict each other', () => {
    const error = refusal({
      runtimeVersion: '1',
      seedFiles: [
        { path: '/workspace/config', content: 'a' },
        { path: '/workspace/config/app.json', content: '{}' },
        { path: '/workspace/run.pid', content: '1' },
        { path: '/workspace/run.pid', content: '2' },
      ],
      mountPoints: ['/workspace/config/cache'],
      cleanupRules: ['/workspace/*.pid', '/workspace/data'],
      requiredPaths: ['/workspace/data/db.sqlite'],
    });
    expect(error.fieldErrors.map((issue) => [issue.path.slice(1).join('.'), issue.message])).toEqual([
      [
        'seedFiles.1.path',
        '"/workspace/config/app.json" is inside the seed file "/workspace/config", which is a file',
      ],
      ['seedFiles.3.path', '"/workspace/run.pid" is seeded twice'],
      ['mountPoints.0', '"/workspace/config/cache" is the seed file "/workspace/config" or inside it'],
      ['cleanupRules.0', '"/workspace/*.pid" would delete the seed file "/workspace/run.pid"'],
      ['cleanupRules.1', '"/workspace/data" would delete the required path "/workspace/data/db.sqlite"'],
    ]);
  });
});
