import type { RunStatus } from '#lib/gql/graphql.ts';

const labels: Record<RunStatus, string> = {
  QUEUED: 'Queued',
  STARTING: 'Starting',
  RUNNING: 'Running',
  WAITING_FOR_HUMAN: 'Waiting for you',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
  BLOCKED: 'Blocked',
};

const terminal = new Set<RunStatus>(['SUCCEEDED', 'FAILED', 'CANCELED', 'BLOCKED']);

export function runStatusLabel(status: RunStatus): string {
  return labels[status];
}

/** A finished run gets no more events. */
export function isTerminal(status: RunStatus): boolean {
  return terminal.has(status);
}
