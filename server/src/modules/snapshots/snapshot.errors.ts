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
