import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeDiff, diffSnapshots, snapshotFiles } from './codegen-freshness.mjs';

describe('codegen freshness', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('reports added, removed and changed files', () => {
    const before = new Map([
      ['graphql.ts', 'old'],
      ['gone.ts', 'x'],
      ['index.ts', 'same'],
    ]);
    const after = new Map([
      ['graphql.ts', 'new'],
      ['index.ts', 'same'],
      ['fragment-masking.ts', 'y'],
    ]);
    const diff = diffSnapshots(before, after);
    expect(diff).toEqual({
      added: ['fragment-masking.ts'],
      removed: ['gone.ts'],
      changed: ['graphql.ts'],
      same: false,
    });
    expect(describeDiff(diff, 'gql/')).toEqual([
      '  added:   gql/fragment-masking.ts',
      '  removed: gql/gone.ts',
      '  changed: gql/graphql.ts',
    ]);
  });

  it('sees identical output as fresh', () => {
    const files = new Map([['a.ts', 'x']]);
    expect(diffSnapshots(files, new Map(files)).same).toBe(true);
  });

  it('snapshots nested files by relative path, and a missing dir as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gql-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'index.ts'), 'export {};');
    writeFileSync(join(dir, 'nested', 'deep.ts'), 'deep');
    expect(snapshotFiles(dir)).toEqual(
      new Map([
        ['index.ts', 'export {};'],
        ['nested/deep.ts', 'deep'],
      ]),
    );
    expect(snapshotFiles(join(dir, 'missing')).size).toBe(0);
  });
});
