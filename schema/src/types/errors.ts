import type { DomainError } from '../../../server/src/errors.js';
import {
  ForbiddenError,
  InvalidCredentialsError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../../../server/src/errors.js';
import { builder } from '../builder.js';

/** Every expected failure implements Error, so a client can always show `message`. */
export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'An expected failure of a mutation: something the caller can understand and act on.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, written for a person.' }),
  }),
});

const FieldError = builder.objectRef<FieldIssue>('FieldError').implement({
  description: 'One input field that was refused, and why.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Path of the field within the input, e.g. ["title"].' }),
    message: t.exposeString('message', { description: 'Why the field was refused.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused; nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldError],
      description: 'Each refused field, so a form can show the message next to it.',
      resolve: (error) => error.fieldErrors,
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The thing does not exist, or is not visible to you.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    entity: t.exposeString('entity', {
      description: 'The kind of thing that was looked for, e.g. "Session".',
    }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'You are signed in but not allowed to do this.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenError,
  fields: () => ({}),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'The email or password did not match an account.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
  fields: () => ({}),
});
