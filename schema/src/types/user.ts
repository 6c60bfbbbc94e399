import { ROLES, UserSchema, type User } from '../../../server/src/modules/users/user.entity.js';
import { builder } from '../builder.js';
import { isEntity } from '../entity-type.js';
import { viewerOf } from '../viewer.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a user may do: admins manage apps and see every app; members use what they are given.',
  values: ROLES,
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
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (user) => user.role }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: UserRef,
    description: 'The signed-in user.',
    resolve: (_root, _args, context) => viewerOf(context),
  }),
);
