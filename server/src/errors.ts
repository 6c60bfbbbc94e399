/**
 * Expected failures of the domain. Each has a stable code; the schema exposes each class as a
 * typed GraphQL error and the job processors map them to "retry" or "give up" in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
    this.name = 'NotFoundError';
  }
}

export interface FieldIssue {
  path: string[];
  message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
  constructor(
    message: string,
    readonly fieldErrors: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'you are not allowed to do this') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    // One message for unknown email and wrong password, so the answer does not reveal which accounts exist.
    super('the email or password is not correct');
    this.name = 'InvalidCredentialsError';
  }
}
