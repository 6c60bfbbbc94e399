import { describe, expect, it } from 'vitest';
import { blobVerdict, planBlobBatch, straysToAdopt } from './blob-gc.js';

const now = new Date('2026-06-30T12:00:00Z');
const grace = 24 * 3600_000;
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);
const sha = (c: string) => c.repeat(64);

describe('blobVerdict', () => {
  it('collects an unreferenced blob nobody relied on for the grace period', () => {
    expect(blobVerdict({ sha256: sha('a'), lastReferencedAt: hoursAgo(25), referenced: false }, now, grace)).toBe(
      'collect',
    );
    expect(blobVerdict({ sha256: sha('a'), lastReferencedAt: hoursAgo(24), referenced: false }, now, grace)).toBe(
      'collect',
    );
  });

  it('leaves a young blob alone: its upload may belong to a sync that has not recorded its snapshot', () => {
    for (const referenced of [true, false])
      expect(blobVerdict({ sha256: sha('b'), lastReferencedAt: hoursAgo(23), referenced }, now, grace)).toBe(
        'young',
      );
  });

  it('refreshes an old blob that a snapshot still names instead of deleting it', () => {
    expect(blobVerdict({ sha256: sha('c'), lastReferencedAt: hoursAgo(1000), referenced: true }, now, grace)).toBe(
      'refresh',
    );
  });
});

describe('planBlobBatch', () => {
  it('splits a batch into blobs to mark and blobs to touch', () => {
    const plan = planBlobBatch(
      [
        { sha256: sha('a'), lastReferencedAt: hoursAgo(48), referenced: false },
        { sha256: sha('b'), lastReferencedAt: hoursAgo(48), referenced: true },
        { sha256: sha('c'), lastReferencedAt: hoursAgo(1), referenced: false },
      ],
      now,
      grace,
    );
    expect(plan).toEqual({ collect: [sha('a')], refresh: [sha('b')] });
  });
});

describe('straysToAdopt', () => {
  it('adopts only objects without a row that are older than the grace period', () => {
    const objects = [
      { sha256: sha('a'), size: 1, lastModified: hoursAgo(30) },
      { sha256: sha('b'), size: 1, lastModified: hoursAgo(30) },
      { sha256: sha('c'), size: 1, lastModified: hoursAgo(2) },
    ];
    expect(straysToAdopt(objects, new Set([sha('b')]), now, grace).map((o) => o.sha256)).toEqual([sha('a')]);
  });
});
