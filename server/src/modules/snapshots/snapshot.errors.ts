import { DomainError } from '../../errors.js';

/** A sync that did not complete (storage or executor unreachable); nothing was stopped or removed. */
export class SyncFailedError extends DomainError {
  readonly code = 'SYNC_FAILED';
  constructor(
    readonly sessionId: string,
    readonly reason: string,
  ) {
    super(`the workspace could not be synced: ${reason}`);
    this.name = 'SyncFailedError';
  }
}

/**
 * Blobs a sync relied on were taken by garbage collection before its snapshot was recorded. The
 * sync fails (and is retried); the next one uploads them again, since their records are gone.
 */
export class BlobsCollectedError extends DomainError {
  readonly code = 'BLOBS_COLLECTED';
  constructor(
    readonly sessionId: string,
    readonly count: number,
  ) {
    super(`${count} stored file(s) were garbage-collected during the sync; the next sync uploads them again`);
    this.name = 'BlobsCollectedError';
  }
}
