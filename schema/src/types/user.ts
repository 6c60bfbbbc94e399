import { ForbiddenError, ValidationError } from '../../../server/src/errors.js';
import { ROLES, UserSchema, type User } from '../../../server/src/modules/users/user.entity.js';
import { builder } from '../builder.js';
import { isEntity } from '../entity-type.js';
import { viewerOf } from '../viewer.js';
import { describedValues } from '../described-values.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a user may do: admins manage apps and see every app; members use what they are given.',
  values: describedValues(ROLES, {
    ADMIN: 'Adds users, manages apps and sees every app.',
    MEMBER: 'Uses the apps visible to them, in sessions of their own.',
  }),
});

export const UserRef = builder.node(builder.objectRef<User>('User'), {
  description: 'A person who uses the platform.',
  id: { resolve: (user) => user.id },
  isTypeOf: isEntity(UserSchema),
  // Users are visible to themselves and to admins only.
  loadMany: async (ids, context) => {
    const viewer = context.viewer;
    if (!viewer) return ids.map(() => null);
    const users = await context.services.users.findByIds(ids);
    return ids.map((id) => {
      const user = users.find((u) => u.id === id);
      return user && (viewer.role === 'ADMIN' || viewer.id === id) ? user : null;
    });
  },
  fields: (t) => ({
    email: t.exposeString('email', { description: 'Sign-in name, unique.' }),
    name: t.exposeString('name', { description: 'Shown to the team.' }),
    role: t.field({ type: RoleEnum, description: 'What the user may do.', resolve: (user) => user.role }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the account was created.' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: UserRef,
    description: 'The signed-in user.',
    resolve: (_root, _args, context) => viewerOf(context),
  }),
);

const CreateUserInput = builder.inputType('CreateUserInput', {
  description: 'A new team member.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Sign-in name; must not be taken.' }),
    name: t.string({ required: true, description: 'Shown to the team.' }),
    password: t.string({ required: true, description: 'At least 8 characters.' }),
    role: t.field({ type: RoleEnum, defaultValue: 'MEMBER', description: 'Default MEMBER.' }),
  }),
});

const CreateUserPayload = builder.objectRef<{ user: User }>('CreateUserPayload').implement({
  description: 'The user createUser added.',
  fields: (t) => ({
    user: t.field({ type: UserRef, description: 'The new user.', resolve: (payload) => payload.user }),
  }),
});

builder.mutationField('createUser', (t) =>
  t.field({
    type: CreateUserPayload,
    description: 'Adds a user to the team (admins only).',
    args: { input: t.arg({ type: CreateUserInput, required: true, description: 'The new user.' }) },
    errors: {
      types: [ValidationError, ForbiddenError],
      directResult: true,
      union: { name: 'CreateUserResult', description: 'The new user, or why none was created.' },
    },
    resolve: async (_root, { input }, context) => ({
      user: await context.services.users.create(viewerOf(context), {
        ...input,
        role: input.role ?? 'MEMBER',
      }),
    }),
  }),
);
