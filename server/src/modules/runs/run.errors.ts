import { DomainError } from '../../errors.js';

/** The app's provider cannot do what the run needs (PR4); the message says what to change. */
export class CapabilityError extends DomainError {
  readonly code = 'CAPABILITY';
  constructor(
    message: string,
    readonly capability: string,
  ) {
    super(message);
    this.name = 'CapabilityError';
  }
}
