import type { IssuedToken } from '../../../server/src/modules/auth/auth.service.js';
import { InvalidCredentialsError, ValidationError } from '../../../server/src/errors.js';
import { builder } from '../builder.js';
import { viewerOf } from '../viewer.js';
import { UserRef } from './user.js';

const LoginInput = builder.inputType('LoginInput', {
  description: 'Email and password of an account.',
  fields: (t) => ({
    email: t.string({ required: true, description: "The account's email." }),
    password: t.string({ required: true, description: "The account's password." }),
  }),
});

const LoginPayload = builder.objectRef<IssuedToken>('LoginPayload').implement({
  description: 'A new bearer token for the signed-in user; send it as `Authorization: Bearer <token>`.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown once: only its hash is stored.' }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'When the token stops working; sign in again then.',
      resolve: (issued) => issued.expiresAt!,
    }),
    user: t.field({ type: UserRef, description: 'Who signed in.', resolve: (issued) => issued.user }),
  }),
});

builder.mutationField('login', (t) =>
  t.field({
    type: LoginPayload,
    description: 'Signs in with email and password and returns a token.',
    skipTypeScopes: true,
    args: { input: t.arg({ type: LoginInput, required: true, description: 'Email and password.' }) },
    errors: {
      types: [InvalidCredentialsError, ValidationError],
      directResult: true,
      union: { name: 'LoginResult', description: 'A token, or why signing in failed.' },
    },
    resolve: (_root, { input }, context) => context.services.auth.login(input.email, input.password),
  }),
);

const LogoutPayload = builder.objectRef<{ ok: boolean }>('LogoutPayload').implement({
  description: 'Whether logout revoked a token.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'True when the token was live and is now revoked.' }),
  }),
});

builder.mutationField('logout', (t) =>
  t.field({
    type: LogoutPayload,
    description: 'Revokes the token this request was made with.',
    resolve: async (_root, _args, context) => ({
      ok: context.principal ? await context.services.auth.logout(context.principal) : false,
    }),
  }),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description: 'A new API token for the signed-in user.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'What the token is for, e.g. "CI".' }),
    expiresInDays: t.int({
      description: 'Days until it expires (1 to 3650); omit for a token that does not expire.',
    }),
  }),
});

const CreateApiTokenPayload = builder.objectRef<IssuedToken>('CreateApiTokenPayload').implement({
  description: 'A long-lived token for scripts and third-party clients.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown once: only its hash is stored.' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the token stops working; null: never (revoke it by logging out with it).',
    }),
  }),
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreateApiTokenPayload,
    description: 'Creates an API token for the signed-in user.',
    args: {
      input: t.arg({ type: CreateApiTokenInput, required: true, description: 'Its name and lifetime.' }),
    },
    errors: {
      types: [ValidationError],
      directResult: true,
      union: { name: 'CreateApiTokenResult', description: 'The new token, or why none was created.' },
    },
    resolve: (_root, { input }, context) =>
      context.services.auth.createApiToken(viewerOf(context), input.name, input.expiresInDays ?? null),
  }),
);
