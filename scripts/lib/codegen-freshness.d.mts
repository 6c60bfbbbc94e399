export type Snapshot = Map<string, string>;
export interface SnapshotDiff {
  added: string[];
  removed: string[];
  changed: string[];
  same: boolean;
}
export function snapshotFiles(dir: string): Snapshot;
export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff;
export function describeDiff(diff: SnapshotDiff, prefix?: string): string[];
