import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../../server/src/context.js';

/** The builder only configures plugins; every type lives in its feature's file under types/. */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: { loggedIn: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      loggedIn: context.viewer !== null,
      admin: context.viewer?.role === 'ADMIN',
    }),
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, context) =>
      context.viewer
        ? new GraphQLError('you are not allowed to do this', { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError('sign in first: send Authorization: Bearer <token>', {
            extensions: { code: 'UNAUTHENTICATED' },
          }),
  },
  errors: { defaultTypes: [] },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
  },
});

// Every root field needs a signed-in viewer unless it opts out with `skipTypeScopes` (deny by default).
builder.queryType({ authScopes: { loggedIn: true } });
builder.mutationType({ authScopes: { loggedIn: true } });
builder.subscriptionType({ authScopes: { loggedIn: true } });

/** The builder's resolved type parameters, for helpers that take a field builder. */
export type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
