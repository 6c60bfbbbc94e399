import type { ErrorClass } from '../protocol.js';

/** An error that already knows its class (and maybe what to do), so `classifyError` need not guess. */
export class ClassifiedError extends Error {
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'ClassifiedError';
  }
}
