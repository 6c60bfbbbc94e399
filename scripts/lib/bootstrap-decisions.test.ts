import { describe, expect, it } from 'vitest';
import { throwawayDirName } from './data-dir.mjs';
import { needsInstall, withoutProjectBins } from './dependencies.mjs';
import { createLineSplitter } from './line-splitter.mjs';
import { pickPostgresVersion } from './postgres.mjs';
import { selectSteps } from './test-selection.mjs';
import { isBuildStale } from './workbench-build.mjs';

describe('dependency install', () => {
  it('installs when node_modules or its lockfile copy is missing', () => {
    expect(needsInstall({ hasNodeModules: false, lockMtimeMs: 1, installedLockMtimeMs: 2 })).toBe(true);
    expect(needsInstall({ hasNodeModules: true, lockMtimeMs: 1, installedLockMtimeMs: undefined })).toBe(
      true,
    );
  });

  it('reinstalls only when package-lock.json changed since the last install', () => {
    expect(needsInstall({ hasNodeModules: true, lockMtimeMs: 1, installedLockMtimeMs: 2 })).toBe(false);
    expect(needsInstall({ hasNodeModules: true, lockMtimeMs: 3, installedLockMtimeMs: 2 })).toBe(true);
  });

  it('runs npm without the project Node shim on PATH', () => {
    expect(withoutProjectBins('/repo/node_modules/.bin:/usr/local/bin:/usr/bin')).toBe(
      '/usr/local/bin:/usr/bin',
    );
  });
});

describe('workbench build', () => {
  it('rebuilds without a stamp or when any input is newer', () => {
    expect(isBuildStale(undefined, [])).toBe(true);
    expect(isBuildStale(100, [50, 101])).toBe(true);
    expect(isBuildStale(100, [50, 100])).toBe(false);
  });
});

describe('postgres version', () => {
  it('prefers the newest major for a new cluster', () => {
    expect(pickPostgresVersion(['13', '15', '9.6'], null)).toBe('15');
    expect(pickPostgresVersion([], null)).toBeNull();
  });

  it('sticks to the version that created an existing cluster', () => {
    expect(pickPostgresVersion(['15', '16'], '15')).toBe('15');
    expect(pickPostgresVersion(['16'], '15')).toBeNull();
  });
});

describe('test step selection', () => {
  it('runs everything by default and named steps in the usual order', () => {
    expect(selectSteps([]).steps.map((step) => step.name)).toEqual([
      'lint',
      'check',
      'schema',
      'codegen',
      'unit',
      'integration',
      'browser',
    ]);
    const { steps, unknown } = selectSteps(['integration', 'typecheck', 'nope']);
    expect(steps.map((step) => step.name)).toEqual(['check', 'integration']);
    expect(unknown).toEqual(['nope']);
  });
});

describe('small helpers', () => {
  it('names throwaway dirs by mode, local time and pid', () => {
    expect(throwawayDirName('test', new Date(2026, 0, 2, 3, 4, 5), 42)).toBe('test-20260102-030405-42');
  });

  it('splits child output into whole lines across chunks', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    splitter.push('one\r\ntw');
    splitter.push('o\nthr');
    splitter.end();
    expect(lines).toEqual(['one', 'two', 'thr']);
  });
});
