import type { SessionStatus } from '#lib/gql/graphql.ts';

const labels: Record<SessionStatus, string> = {
  ABSENT: 'No container yet',
  STARTING: 'Starting',
  RUNNING: 'Running',
  IDLE_STOPPING: 'Stopping (idle)',
  STOPPED: 'Stopped',
  REMOVING: 'Removing',
  REMOVED: 'Removed',
  FAILED: 'Failed',
};

export function sessionStatusLabel(status: SessionStatus): string {
  return labels[status];
}
