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
    nodeTypeOptions: { description: 'An object with a global id, which `node(id)` fetches again.' },
    idFieldOptions: { description: 'Global id: opaque, stable, unique across every type.' },
    nodeQueryOptions: {
      description: 'The object with this global id, if it exists and you may see it; otherwise null.',
      args: { id: { description: 'A global id from any `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'The objects with these global ids, in the same order; null for each you may not see.',
      args: { ids: { description: 'Global ids from any `id` fields.' } },
    },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page (paging with `first`).' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page (paging with `last`).' },
    startCursorFieldOptions: { description: "The first edge's cursor; null for an empty page." },
    endCursorFieldOptions: {
      description: "The last edge's cursor; pass it as `after` for the next page. Null for an empty page.",
    },
    firstArgOptions: { description: 'Return at most this many items from the start (or after `after`).' },
    afterArgOptions: { description: 'Return items after the edge with this cursor.' },
    lastArgOptions: { description: 'Return at most this many items from the end (or before `before`).' },
    beforeArgOptions: { description: 'Return items before the edge with this cursor.' },
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'How to fetch the next or previous page.' },
    cursorFieldOptions: { description: 'Opaque position of this edge; pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
  },
});

// Every root field needs a signed-in viewer unless it opts out with `skipTypeScopes` (deny by default).
builder.queryType({
  description: 'Reads. Every field needs a signed-in user, and shows only what that user may see.',
  authScopes: { loggedIn: true },
});
builder.mutationType({
  description:
    'Changes. Expected failures are returned as types implementing `Error`, in a union with the payload; a refused input changes nothing.',
  authScopes: { loggedIn: true },
});
builder.subscriptionType({
  description: 'Live streams over graphql-ws, on the same path as HTTP.',
  authScopes: { loggedIn: true },
});

/** The builder's resolved type parameters, for helpers that take a field builder. */
export type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
