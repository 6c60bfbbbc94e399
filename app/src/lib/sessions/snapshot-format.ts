import type { SnapshotReason } from '#lib/gql/graphql.ts';

const reasons: Record<SnapshotReason, string> = {
  AFTER_RUN: 'After run',
  BEFORE_STOP: 'Before stop',
  BEFORE_REMOVE: 'Before remove',
  MANUAL: 'Manual sync',
  SAFETY: 'Safety',
};

export function snapshotReasonLabel(reason: SnapshotReason): string {
  return reasons[reason];
}

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "12 B", "3.4 KB", "120 MB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

export function formatFileCount(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'}`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday": how long before `now` a moment was. */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return relative.format(-seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  return relative.format(-Math.floor(hours / 24), 'day');
}

/** The exact moment, for a tooltip. */
export function formatExact(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
