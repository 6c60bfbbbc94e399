import type { SnapshotReason } from './snapshot.entity.js';

/** How many snapshots of a session to keep (SNAPSHOT_KEEP_LAST, SNAPSHOT_KEEP_DAYS). */
export interface RetentionPolicy {
  /** The newest this many of each session stay, whatever their age (at least the latest one). */
  keepLast: number;
  /** Everything younger than this stays (SAFETY snapshots included), whatever the count. */
  keepDays: number;
}

export interface SnapshotSummary {
  id: string;
  createdAt: Date;
  reason: SnapshotReason;
}

const DAY_MS = 24 * 3600_000;

/**
 * The snapshots of one session that retention deletes: those beyond the newest `keepLast` and
 * older than `keepDays`. Never the latest one (the next container is restored from it, LC5), nor
 * one the session is waiting to restore (`protectedIds`), nor a SAFETY snapshot inside the age
 * window (the undo of a restore the user just made).
 */
export function snapshotsToDelete(
  snapshots: readonly SnapshotSummary[],
  policy: RetentionPolicy,
  now: Date,
  protectedIds: ReadonlySet<string> = new Set(),
): string[] {
  // Newest first, ties broken by id as everywhere else (latestOfSession, the snapshot list).
  const ordered = [...snapshots].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  const keepCount = Math.max(1, policy.keepLast);
  const youngerThan = now.getTime() - policy.keepDays * DAY_MS;
  return ordered
    .filter(
      (snapshot, index) =>
        index >= keepCount && snapshot.createdAt.getTime() < youngerThan && !protectedIds.has(snapshot.id),
    )
    .map((snapshot) => snapshot.id);
}
