/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n": typeof types.AuthViewer_UserFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n": typeof types.ViewerBadge_UserFragmentDoc,
    "\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n": typeof types.ViewerProfile_UserFragmentDoc,
};
const documents: Documents = {
    "\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n": types.AuthViewer_UserFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": types.LogoutDocument,
    "\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n": types.ViewerBadge_UserFragmentDoc,
    "\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n": types.ViewerProfile_UserFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n"): (typeof documents)["\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n"): (typeof documents)["\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n"): (typeof documents)["\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;