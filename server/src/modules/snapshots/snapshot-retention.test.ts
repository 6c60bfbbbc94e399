import { describe, expect, it } from 'vitest';
import type { SnapshotReason } from './snapshot.entity.js';
import { snapshotsToDelete } from './snapshot-retention.js';

const now = new Date('2026-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);
const snap = (id: string, ageDays: number, reason: SnapshotReason = 'AFTER_RUN') => ({
  id,
  createdAt: daysAgo(ageDays),
  reason,
});

describe('snapshotsToDelete', () => {
  it('keeps the newest N and everything younger than D days, deletes the rest', () => {
    const snapshots = [snap('s1', 100), snap('s2', 60), snap('s3', 40), snap('s4', 20), snap('s5', 1)];
    expect(snapshotsToDelete(snapshots, { keepLast: 2, keepDays: 30 }, now).sort()).toEqual(['s1', 's2', 's3']);
    // Younger than 50 days: s3 stays although it is not among the newest two.
    expect(snapshotsToDelete(snapshots, { keepLast: 2, keepDays: 50 }, now).sort()).toEqual(['s1', 's2']);
    // Among the newest four: s2 and s3 stay although they are old.
    expect(snapshotsToDelete(snapshots, { keepLast: 4, keepDays: 0 }, now)).toEqual(['s1']);
  });

  it('never deletes the latest snapshot, however old, and orders by time rather than input order', () => {
    const snapshots = [snap('old', 400), snap('latest', 300), snap('older', 500)];
    expect(snapshotsToDelete(snapshots, { keepLast: 0, keepDays: 0 }, now).sort()).toEqual(['old', 'older']);
    expect(snapshotsToDelete([snap('only', 1000)], { keepLast: 1, keepDays: 0 }, now)).toEqual([]);
  });

  it('keeps a SAFETY snapshot inside the age window and drops an old one like any other', () => {
    const snapshots = [snap('a', 2), snap('safety-young', 3, 'SAFETY'), snap('safety-old', 90, 'SAFETY'), snap('b', 95)];
    expect(snapshotsToDelete(snapshots, { keepLast: 1, keepDays: 7 }, now).sort()).toEqual(['b', 'safety-old']);
  });

  it('spares the snapshot a session is waiting to restore', () => {
    const snapshots = [snap('new', 1), snap('pending', 200), snap('other', 300)];
    expect(snapshotsToDelete(snapshots, { keepLast: 1, keepDays: 30 }, now, new Set(['pending']))).toEqual([
      'other',
    ]);
  });

  it('breaks ties in time by id, the way the latest snapshot is chosen', () => {
    const at = 100;
    const snapshots = [snap('0000-a', at), snap('ffff-b', at)];
    // The newest by (createdAt desc, id desc) is ffff-b: it stays.
    expect(snapshotsToDelete(snapshots, { keepLast: 1, keepDays: 0 }, now)).toEqual(['0000-a']);
  });
});
